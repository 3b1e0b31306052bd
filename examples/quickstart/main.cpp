// tabula quick start: a plain struct with a JSON field, stored in an embedded SQLite file.
#include <nlohmann/json.hpp>

#include <tabula/sqlite.hpp>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

struct Task {
    std::int64_t id = 0;                 // the primary key, generated on insert
    std::string title{};
    bool done = false;
    std::optional<std::string> owner{};  // std::optional: a NULL-able column
    nlohmann::json meta{};               // stored as JSON text
};

int main(int argc, char** argv) {
    using tabula::col;
    auto db = tabula::session<tabula::sqlite>::open(argc > 1 ? argv[1] : "sqlite:///quickstart.db");
    db.create_all<Task>();               // CREATE TABLE IF NOT EXISTS "task" (...)
    db.query<Task>().remove();           // start from an empty table on every run

    // Insert: the generated key comes back.
    const auto id = db.insert(Task{.title = "write the docs", .meta = {{"priority", 2}, {"tags", {"docs"}}}});
    db.insert_many(std::vector<Task>{{.title = "ship 0.1", .owner = "ada", .meta = {{"priority", 1}}},
                                     {.title = "tidy up", .done = true, .meta = nlohmann::json::object()}});

    // Query: typed conditions, compiled to SQL at compile time.
    for (const Task& t : db.query<Task>().where(col<&Task::done> == false).order_by(col<&Task::title>).all())
        std::printf("open: %-16s owner=%-5s meta=%s\n", t.title.c_str(), t.owner.value_or("-").c_str(), t.meta.dump().c_str());

    // Update, in a transaction that commits at the end of the scope.
    {
        auto tx = db.transaction();
        Task task = *db.get<Task>(id);
        task.done = true;
        task.meta["finished_by"] = "grace";
        db.update(task);
    }

    // Delete, then count what is left.
    db.query<Task>().where(col<&Task::done> == true).remove();
    std::printf("remaining: %lld task(s), first: %s\n", static_cast<long long>(db.count<Task>()),
                db.query<Task>().first()->title.c_str());
    return db.count<Task>() == 1 ? 0 : 1;
}
