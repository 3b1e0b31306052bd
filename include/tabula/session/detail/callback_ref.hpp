// A non-owning reference to a callable. A function taking one is compiled once, where a function
// template taking the callable itself is compiled again for every lambda passed to it: the
// session's logging around transaction statements had one copy per call site.
#pragma once

#include <memory>

namespace tabula::detail {

template <class... Args>
class callback_ref {
public:
    template <class F>
    callback_ref(F& callable) noexcept  // NOLINT(google-explicit-constructor): passed like the callable
        : object_(const_cast<void*>(static_cast<const void*>(std::addressof(callable)))),
          call_([](void* object, Args... args) { (*static_cast<F*>(object))(static_cast<Args>(args)...); }) {}

    void operator()(Args... args) const { call_(object_, static_cast<Args>(args)...); }

private:
    void* object_;
    void (*call_)(void*, Args...);
};

}  // namespace tabula::detail
