// Turns MySQL/MariaDB failures into tabula's exceptions by error number: constraint violations
// name their table, constraint or column (read from the server's message, which is all MySQL
// reports), lost connections and refused logins are connection_errors, lock waits and deadlocks
// busy_errors, statements past max_statement_time timeout_errors.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <tabula/error.hpp>

namespace tabula::mysql_backend {

// Server and client error numbers tabula maps (mysqld_error.h, errmsg.h).
namespace error_code {
inline constexpr unsigned db_access_denied = 1044, access_denied = 1045, bad_null = 1048, unknown_database = 1049,
                          server_shutdown = 1053, duplicate_entry = 1062, lock_wait_timeout = 1205, deadlock = 1213,
                          no_default_for_field = 1364, row_is_referenced = 1451, no_referenced_row = 1452,
                          row_is_referenced_old = 1217, no_referenced_row_old = 1216, connection_killed = 1927,
                          statement_timeout = 1969, check_violated = 3819, constraint_failed = 4025, client_timeout = 4031,
                          connection_refused = 2002, host_unreachable = 2003, server_gone = 2006, server_lost = 2013,
                          server_lost_extended = 2055;
}  // namespace error_code

namespace detail {

// The text between the first `open` after `from` and the next `close`: `post` in "(`db`.`post`, ".
inline std::string between(std::string_view text, std::string_view open, std::string_view close, std::size_t from = 0) {
    const std::size_t start = text.find(open, from);
    if (start == std::string_view::npos) return {};
    const std::size_t begin = start + open.size();
    const std::size_t end = text.find(close, begin);
    if (end == std::string_view::npos) return {};
    return std::string(text.substr(begin, end - begin));
}

// "Duplicate entry 'x' for key 'uq_users_email'" (MariaDB), "... for key 'users.uq_users_email'"
// (MySQL 8): the key's name. The entry itself may hold quotes, so the key is read from the end.
inline std::string duplicate_key_name(std::string_view message) {
    const std::size_t at = message.rfind(" for key '");
    if (at == std::string_view::npos || message.back() != '\'') return {};
    std::string_view key = message.substr(at + 10, message.size() - at - 11);
    if (const std::size_t dot = key.rfind('.'); dot != std::string_view::npos) key = key.substr(dot + 1);
    return std::string(key);
}

// "(`db`.`post`, CONSTRAINT `fk_post_author_id_users` FOREIGN KEY (`author_id`) REFERENCES ..."
struct foreign_key_report {
    std::string table;
    std::string constraint;
    std::vector<std::string> columns;
};
inline foreign_key_report foreign_key_of(std::string_view message) {
    foreign_key_report out;
    const std::size_t open = message.find("(`");
    if (open == std::string_view::npos) return out;
    const std::size_t comma = message.find("`, CONSTRAINT", open);
    if (comma != std::string_view::npos) {
        std::string_view qualified = message.substr(open + 1, comma + 1 - open - 1);
        if (const std::size_t dot = qualified.rfind("`.`"); dot != std::string_view::npos) qualified = qualified.substr(dot + 2);
        if (qualified.size() >= 2) out.table = std::string(qualified.substr(1, qualified.size() - 2));
    }
    out.constraint = between(message, "CONSTRAINT `", "`", open);
    const std::string list = between(message, "FOREIGN KEY (", ")", open);
    std::size_t start = 0;
    while (start < list.size()) {
        const std::size_t begin = list.find('`', start);
        if (begin == std::string::npos) break;
        const std::size_t end = list.find('`', begin + 1);
        if (end == std::string::npos) break;
        out.columns.push_back(list.substr(begin + 1, end - begin - 1));
        start = end + 1;
    }
    return out;
}

// The table a raw INSERT, UPDATE, REPLACE or DELETE writes to, for errors that do not name it
// (MySQL never names the table of a NOT NULL or unique violation). Empty when it cannot tell.
inline std::string written_table(std::string_view sql) {
    auto skip_space = [&](std::size_t i) {
        while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\n' || sql[i] == '\t' || sql[i] == '\r')) ++i;
        return i;
    };
    auto word_at = [&](std::size_t i, std::string_view word) {
        if (sql.size() - i < word.size()) return false;
        for (std::size_t k = 0; k < word.size(); ++k) {
            char c = sql[i + k];
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
            if (c != word[k]) return false;
        }
        return i + word.size() == sql.size() || sql[i + word.size()] == ' ' || sql[i + word.size()] == '\n';
    };
    std::size_t i = skip_space(0);
    if (word_at(i, "INSERT") || word_at(i, "REPLACE")) {
        i = skip_space(sql.find(' ', i));
        if (word_at(i, "IGNORE")) i = skip_space(i + 6);
        if (word_at(i, "INTO")) i = skip_space(i + 4);
    } else if (word_at(i, "UPDATE")) {
        i = skip_space(i + 6);
    } else if (word_at(i, "DELETE")) {
        i = skip_space(i + 6);
        if (!word_at(i, "FROM")) return {};
        i = skip_space(i + 4);
    } else {
        return {};
    }
    if (i >= sql.size()) return {};
    if (sql[i] == '`' || sql[i] == '"') {
        const std::size_t end = sql.find(sql[i], i + 1);
        return end == std::string_view::npos ? std::string() : std::string(sql.substr(i + 1, end - i - 1));
    }
    std::size_t end = i;
    while (end < sql.size() && sql[end] != ' ' && sql[end] != '(' && sql[end] != '\n') ++end;
    return std::string(sql.substr(i, end - i));
}

}  // namespace detail

// Whether an error number means the connection is gone (so nothing more can run on it).
constexpr bool connection_lost(unsigned code) noexcept {
    using namespace error_code;
    return code == server_gone || code == server_lost || code == server_lost_extended || code == connection_killed ||
           code == server_shutdown || code == client_timeout || code == connection_refused || code == host_unreachable;
}

// The error a statement failed with. `table_hint` names the table when the message does not.
[[noreturn, gnu::cold]] inline void throw_error(unsigned code, std::string_view message, std::string_view sqlstate, std::string_view sql,
                                     std::string_view table_hint = {}) {
    using namespace error_code;
    std::string text = "tabula: " + std::string(message);
    if (!sql.empty()) text += " (while executing: " + std::string(sql) + ")";
    const int number = static_cast<int>(code);
    const std::string state(sqlstate);
    auto table = [&] { return table_hint.empty() ? detail::written_table(sql) : std::string(table_hint); };

    switch (code) {
        case duplicate_entry: {
            std::string name = detail::duplicate_key_name(message);
            // MySQL names every primary key PRIMARY; tabula calls it <table>_pkey on every backend.
            if (name == "PRIMARY") {
                const std::string written = table();
                throw constraint_violation(std::move(text), std::string(sql), number, constraint_kind::primary_key, written,
                                           written.empty() ? std::string() : written + "_pkey", {}, state);
            }
            throw constraint_violation(std::move(text), std::string(sql), number, constraint_kind::unique, table(), std::move(name), {},
                                       state);
        }
        case no_referenced_row:
        case row_is_referenced:
        case no_referenced_row_old:
        case row_is_referenced_old: {
            detail::foreign_key_report fk = detail::foreign_key_of(message);
            // Inserting a child names the child's own key; deleting a parent names the child's key
            // while the statement wrote to the parent, so the columns belong to another table.
            const bool child_written = code == no_referenced_row || code == no_referenced_row_old;
            std::string written = child_written && !fk.table.empty() ? fk.table : table();
            if (!child_written) fk.columns.clear();
            throw constraint_violation(std::move(text), std::string(sql), number, constraint_kind::foreign_key, std::move(written),
                                       std::move(fk.constraint), std::move(fk.columns), state);
        }
        case bad_null:  // "Column 'title' cannot be null"
        case no_default_for_field: {  // "Field 'title' doesn't have a default value"
            std::vector<std::string> columns;
            if (std::string column = detail::between(message, "'", "'"); !column.empty()) columns.push_back(std::move(column));
            throw constraint_violation(std::move(text), std::string(sql), number, constraint_kind::not_null, table(), {}, std::move(columns),
                                       state);
        }
        case check_violated:     // MySQL: "Check constraint 'c' is violated."
        case constraint_failed:  // MariaDB: "CONSTRAINT `c` failed for `db`.`t`"
        {
            std::string name = code == check_violated ? detail::between(message, "'", "'") : detail::between(message, "`", "`");
            std::string written = code == constraint_failed ? detail::between(message, "`.`", "`") : std::string();
            if (written.empty()) written = table();
            throw constraint_violation(std::move(text), std::string(sql), number, constraint_kind::check, std::move(written), std::move(name),
                                       {}, state);
        }
        case lock_wait_timeout:
        case deadlock:
            throw busy_error(std::move(text) + "; another transaction holds what this one needs (retry the transaction)", std::string(sql),
                             number, state);
        case statement_timeout: throw timeout_error(std::move(text), std::string(sql), number, state);
        case access_denied:
        case db_access_denied:
        case unknown_database: throw connection_error(std::move(text));
        default: break;
    }
    if (connection_lost(code)) throw connection_error("tabula: MySQL connection lost: " + std::string(message) +
                                                      (sql.empty() ? std::string() : " (while executing: " + std::string(sql) + ")"));
    throw statement_error(std::move(text), std::string(sql), number, state);
}

}  // namespace tabula::mysql_backend
