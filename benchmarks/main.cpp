// Runs the registered benchmarks and ends with a table of ratios: each variant's time divided by
// the hand-written time of the same workload, measured in the same run. With repetitions, the
// medians are compared.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace {

class ratio_reporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& run : runs) {
            if (run.error_occurred) continue;
            const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
            if (run.run_type == Run::RT_Aggregate && !median) continue;
            std::string name = run.run_name.function_name;
            const std::size_t slash = name.find('/');
            if (slash == std::string::npos) continue;
            auto& slot = times_[name.substr(0, slash)][name.substr(slash + 1)];
            // A median, when there is one, replaces the individual repetitions.
            if (median || !slot.from_median) slot = {run.GetAdjustedRealTime(), median};
        }
    }

    void Finalize() override {
        ConsoleReporter::Finalize();
        std::printf("\nratio to hand-written code against the same C API, same run (lower is better; <1 is faster than hand-written)\n");
        std::printf("%-15s %-22s %12s %14s %20s\n", "workload", "variant", "time (ms)", "vs hand", "vs hand (NOMUTEX)");
        for (const auto& [workload, variants] : times_) {
            const auto hand = variants.find("hand_written");
            const auto hand_nomutex = variants.find("hand_written_nomutex");
            for (const auto& [variant, measured] : variants) {
                if (variant.rfind("hand_written", 0) == 0) continue;
                std::printf("%-15s %-22s %12.1f", workload.c_str(), variant.c_str(), measured.time);
                if (hand != variants.end()) std::printf(" %14.3f", measured.time / hand->second.time);
                if (hand_nomutex != variants.end()) std::printf(" %20.3f", measured.time / hand_nomutex->second.time);
                std::printf("\n");
            }
        }
    }

private:
    struct measurement {
        double time = 0;
        bool from_median = false;
    };
    std::map<std::string, std::map<std::string, measurement>> times_;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    ratio_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
