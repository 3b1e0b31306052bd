// Fuzzes the chat_message backfill's reading of a chat's JSON text (examples/openwebui/
// chat_history.hpp): a chat row holds whatever Open WebUI, a plugin or a hand edit wrote there.
//
// Properties, besides "no crash, no sanitizer report":
//   - the scan gives exactly the rows the document reader (nlohmann::ordered_json) gives, in the
//     same order, with the same text in every column: it accepts and refuses the same texts;
//   - neither reader throws.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../openwebui/chat_history_agreement.hpp"
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string difference = chat_history_check::disagreement(text);
    fuzz::require(difference.empty(), "the scan and the document reader disagree: " + difference);
    return 0;
}
