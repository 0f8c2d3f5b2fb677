# CPython's member descriptors (structmember.h): where a __slots__ class keeps each slot. Shared
# by the compiled modules that read (_textcounts.SlotReader) or fill (_blockwalk._SlotObjects)
# the slots of sieb's own classes; each checks the class is a plain __slots__ class first.
cdef extern from "Python.h":
    ctypedef struct PyMemberDef:
        int type
        Py_ssize_t offset
        int flags
    ctypedef struct PyMemberDescrObject:
        PyMemberDef *d_member
