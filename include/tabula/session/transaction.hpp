// A transaction scope. The outermost scope is a database transaction, inner scopes are
// savepoints. Leaving a scope normally commits it; leaving it by an exception rolls it back;
// rollback() and commit() end it early. Scopes end innermost first.
#pragma once

#include <exception>
#include <string>
#include <utility>

#include <tabula/sql/transaction.hpp>
#include <tabula/error.hpp>

namespace tabula {

template <class Session>
class transaction {
public:
    transaction(Session& session, const transaction_options& options) : session_(&session), exceptions_(std::uncaught_exceptions()) {
        level_ = session_->begin_scope(options);
    }
    transaction(transaction&& other) noexcept
        : session_(std::exchange(other.session_, nullptr)), level_(other.level_), exceptions_(other.exceptions_) {}
    transaction& operator=(transaction&&) = delete;
    transaction(const transaction&) = delete;

    // Commits on normal scope exit; a failed commit is rolled back and its error propagates.
    ~transaction() noexcept(false) {
        if (!session_) return;
        if (std::uncaught_exceptions() > exceptions_) {
            session_->rollback_scope_noexcept(level_);
            session_ = nullptr;
        } else {
            commit();
        }
    }

    // Out-of-order use (an outer scope ended while an inner one is open) throws and leaves the
    // scope open; a failed COMMIT has already been rolled back when it throws.
    void commit() {
        Session* session = active("commit");
        struct end_scope {
            transaction* self;
            bool ended = false;
            ~end_scope() {
                if (ended) self->session_ = nullptr;
            }
        } guard{this};
        session->check_innermost(level_, "commit");
        guard.ended = true;
        session->commit_scope(level_);
    }
    void rollback() {
        Session* session = active("roll back");
        session->check_innermost(level_, "roll back");
        session_ = nullptr;
        session->rollback_scope(level_);
    }
    bool active() const noexcept { return session_ != nullptr; }
    // 1 for the database transaction, 2 and up for savepoints.
    int level() const noexcept { return level_; }

private:
    Session* active(const char* what) const {
        if (!session_) throw transaction_error(std::string("tabula: cannot ") + what + " a transaction scope that has already ended");
        return session_;
    }

    Session* session_;
    int level_ = 0;
    int exceptions_;
};

}  // namespace tabula
