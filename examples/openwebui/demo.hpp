// The `demo` command of examples/openwebui: writes a small Open WebUI world (users, a group, a
// folder, chats with a message history, tags, a file, a knowledge base, access grants) in one
// transaction, then runs the queries the application needs through the typed query layer and
// prints what they return. Running it again adds nothing: the rows have fixed ids.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include <tabula/tabula.hpp>

#include "models.hpp"

namespace openwebui::demo {

inline constexpr std::int64_t start = 1'733'000'000;  // epoch seconds, as Open WebUI stores them

template <class Session>
void write_world(Session& db) {
    using tabula::col;
    if (db.template get<User>(std::string("demo-ada"))) return;
    db.transact([&](auto& s) {
        for (const char* name : {"ada", "grace", "alan"})
            s.insert(User{.id = std::string("demo-") + name, .name = name, .email = std::string(name) + "@example.org",
                          .role = std::string(name) == "ada" ? "admin" : "user", .created_at = start, .settings = nlohmann::json::object()});
        s.insert(Group{.id = "demo-research", .user_id = "demo-ada", .name = "research", .created_at = start});
        for (const char* member : {"grace", "alan"})
            s.insert(GroupMember{.id = std::string("demo-research-") + member, .group_id = "demo-research",
                                 .user_id = std::string("demo-") + member, .created_at = start});
        s.insert(Folder{.id = "demo-work", .user_id = "demo-ada", .name = "Work", .created_at = start, .updated_at = start});

        struct chat_line {
            const char* id;
            const char* title;
            const char* folder;
            bool pinned;
            bool archived;
        };
        const chat_line chats[] = {{"demo-c1", "Compiler notes", "demo-work", false, false},
                                   {"demo-c2", "Ideas to keep", nullptr, true, false},
                                   {"demo-c3", "Old thread", nullptr, false, true},
                                   {"demo-c4", "Release plan", "demo-work", true, false}};
        std::int64_t t = start;
        for (const chat_line& c : chats) {
            t += 60;
            s.insert(Chat{.id = c.id, .user_id = "demo-ada", .title = c.title, .created_at = t, .updated_at = t, .archived = c.archived,
                          .chat = nlohmann::json::object(), .pinned = c.pinned,
                          .meta = nlohmann::json{{"tags", c.folder ? nlohmann::json{"work"} : nlohmann::json{"ideas"}}},
                          .folder_id = c.folder ? std::optional<std::string>(c.folder) : std::nullopt});
        }

        // The history of demo-c1, each message answering the one before.
        const std::tuple<const char*, const char*, const char*> messages[] = {
            {"demo-m1", "user", "Why does my template take a minute to compile?"},
            {"demo-m2", "assistant", "Count what it instantiates per model: -ftime-trace shows it."},
            {"demo-m3", "user", "Per model it is the row code. Can that be shared?"}};
        std::optional<std::string> parent;
        for (const auto& [id, role, text] : messages) {
            s.insert(ChatMessage{.id = id, .chat_id = "demo-c1", .user_id = "demo-ada", .role = role, .parent_id = parent,
                                 .content = nlohmann::json(text), .done = true, .created_at = t + 5, .updated_at = t + 5});
            t += 5;
            parent = id;
        }
        s.template query<Chat>().where(col<&Chat::id> == "demo-c1").set(col<&Chat::current_message_id> = std::string("demo-m3"));

        s.insert(Tag{.id = "work", .name = "work", .user_id = "demo-ada"});
        s.insert(Tag{.id = "ideas", .name = "ideas", .user_id = "demo-ada"});
        s.insert(Tag{.id = "reading", .name = "reading", .user_id = "demo-grace"});

        s.insert(File{.id = "demo-f1", .user_id = "demo-alan", .filename = "lambda-papers.pdf", .meta = nlohmann::json{{"size", 52'431}},
                      .created_at = start});
        s.insert(Knowledge{.id = "demo-k1", .user_id = "demo-ada", .name = "Papers", .description = "what the group reads", .created_at = start});
        s.insert(KnowledgeFile{.id = "demo-kf1", .user_id = "demo-ada", .knowledge_id = "demo-k1", .file_id = "demo-f1", .created_at = start,
                               .updated_at = start});
        s.insert(AccessGrant{.id = "demo-g1", .resource_type = "knowledge", .resource_id = "demo-k1", .principal_type = "group",
                             .principal_id = "demo-research", .permission = "read", .created_at = start});
        s.insert(AccessGrant{.id = "demo-g2", .resource_type = "file", .resource_id = "demo-f1", .principal_type = "user",
                             .principal_id = "demo-grace", .permission = "read", .created_at = start});
        s.insert(AccessGrant{.id = "demo-g3", .resource_type = "knowledge", .resource_id = "demo-k1", .principal_type = "user",
                             .principal_id = "demo-alan", .permission = "write", .created_at = start});
    });
}

// The resources `user` may read: granted to the user, or to a group the user belongs to.
template <class Session>
std::vector<std::tuple<std::string, std::string>> readable_by(Session& db, const std::string& user) {
    using tabula::col;
    const auto groups = db.template query<GroupMember>().where(col<&GroupMember::user_id> == user).select(col<&GroupMember::group_id>);
    return db.template query<AccessGrant>()
        .where(col<&AccessGrant::permission> == "read" &&
               ((col<&AccessGrant::principal_type> == "user" && col<&AccessGrant::principal_id> == user) ||
                (col<&AccessGrant::principal_type> == "group" && col<&AccessGrant::principal_id>.in(groups))))
        .order_by(col<&AccessGrant::resource_type>, col<&AccessGrant::resource_id>)
        .select(col<&AccessGrant::resource_type>, col<&AccessGrant::resource_id>)
        .all();
}

template <class Session>
void run(Session& db, std::ostream& out) {
    using tabula::col;
    write_world(db);
    const std::string ada = "demo-ada";

    out << "ada's chats in folder Work, newest first:\n";
    for (const Chat& c : db.template query<Chat>()
                             .where(col<&Chat::user_id> == ada && col<&Chat::folder_id> == "demo-work")
                             .order_by(col<&Chat::updated_at>.desc())
                             .all())
        out << "  " << c.title.value_or("") << "\n";
    out << "ada's pinned chats:\n";
    for (const Chat& c : db.template query<Chat>().where(col<&Chat::user_id> == ada && col<&Chat::pinned> == true).order_by(col<&Chat::id>).all())
        out << "  " << c.title.value_or("") << "\n";
    out << "ada's archived chats:\n";
    for (const Chat& c : db.template query<Chat>().where(col<&Chat::user_id> == ada && col<&Chat::archived> == true).all())
        out << "  " << c.title.value_or("") << "\n";

    out << "the messages of 'Compiler notes', in order:\n";
    for (const ChatMessage& m : db.template query<ChatMessage>()
                                    .where(col<&ChatMessage::chat_id> == "demo-c1")
                                    .order_by(col<&ChatMessage::created_at>, col<&ChatMessage::id>)
                                    .all())
        out << "  " << m.role << ": " << (m.content && m.content->is_string() ? m.content->template get<std::string>() : "") << "\n";

    out << "tags per user:\n";
    for (const auto& [user, tags] : db.template query<Tag>()
                                        .template join<User>(col<&User::id> == col<&Tag::user_id>)
                                        .group_by(col<&User::name>)
                                        .order_by(col<&User::name>)
                                        .select(col<&User::name>, tabula::count())
                                        .all())
        out << "  " << user.value_or("") << ": " << tags << "\n";

    out << "what grace may read (her grants and her groups'):\n";
    for (const auto& [type, id] : readable_by(db, "demo-grace")) out << "  " << type << " " << id << "\n";
    out << "what alan may read:\n";
    for (const auto& [type, id] : readable_by(db, "demo-alan")) out << "  " << type << " " << id << "\n";
}

}  // namespace openwebui::demo
