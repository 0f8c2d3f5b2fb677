# The C interface between sieb._classtokens (which computes an element's signal) and
# sieb._blockwalk (which asks for it): declarations only, so neither module imports the other.
# The walk gets the function from `SignalReader.capsule()` (a PyCapsule named
# "sieb._classtokens.element_signal").

cdef struct AttrValue:  # one signal attribute of an element, as Lexbor holds it
    bint present
    const unsigned char *data  # UTF-8, or NULL for an attribute without a value
    size_t length

cdef struct ElementSignal:  # a sieb.signals.Signal
    long flags
    long neg
    long pos
    bint article
    bint empty  # it is EMPTY_SIGNAL

# reader: the SignalReader; values: one per sieb.signals.SIGNAL_ATTRIBUTES, in that order.
ctypedef int (*element_signal_fn)(
    object reader, long tag_flags, const AttrValue *values, ElementSignal *signal
) except -1
