# The maximum-sum run of a sequence of scores (Kadane), one score at a time: roles.body_span's
# definition, shared by the compiled rules (_rules.body_span) and the model's context columns
# (_matrix.fill_context), which feed it scores as they compute them.

cdef struct BestRun:
    double best
    double run
    Py_ssize_t start
    Py_ssize_t end
    Py_ssize_t run_start


cdef inline BestRun best_run_start() noexcept nogil:
    """No run yet: (start, end) = (0, -1) until some run's sum is positive."""
    cdef BestRun state
    state.best = 0.0
    state.run = 0.0
    state.start = 0
    state.end = -1
    state.run_start = 0
    return state


cdef inline void best_run_step(BestRun* state, double score, Py_ssize_t i) noexcept nogil:
    """Extend the run ending before `i` by `score` (or start a new one at `i`) and keep the best."""
    if state.run <= 0:
        state.run = score
        state.run_start = i
    else:
        state.run += score
    if state.run > state.best:
        state.best = state.run
        state.start = state.run_start
        state.end = i
