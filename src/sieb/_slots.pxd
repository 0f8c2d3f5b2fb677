# CPython's member descriptors (structmember.h): where a __slots__ class keeps each slot. Shared
# by the compiled modules that read (_textcounts.SlotReader) or fill (the _SlotObjects of
# _blockwalk and text._assemble, checked by writable_slots below) the slots of sieb's own
# classes; each checks the class is a plain __slots__ class first.
cdef extern from "Python.h":
    ctypedef struct PyMemberDef:
        int type
        Py_ssize_t offset
        int flags
    ctypedef struct PyMemberDescrObject:
        PyMemberDef *d_member


cdef enum:
    _T_OBJECT_EX = 16  # structmember.h: the member type of a __slots__ slot


cdef inline list writable_slots(cls, tuple fields, Py_ssize_t max_fields):
    """The member descriptors of `fields`, which must be all the slots of `cls`: a plain
    __slots__ class (object's direct subclass, made by object.__new__, no __dict__) whose slots
    are writable object slots, at most `max_fields` of them; else ValueError. The fillers
    (_blockwalk._SlotObjects, text._assemble._SlotObjects) store into the offsets they give."""
    from types import MemberDescriptorType

    if cls.__bases__ != (object,) or cls.__new__ is not object.__new__ \
            or cls.__dictoffset__ != 0 or sorted(cls.__slots__) != sorted(fields) \
            or len(fields) > max_fields:
        raise ValueError(f"{cls.__name__} is not a plain __slots__ class with these fields")
    descriptors = []
    for name in fields:
        descriptor = cls.__dict__[name]
        if type(descriptor) is not MemberDescriptorType:
            raise ValueError(f"{cls.__name__}.{name} is not a slot")
        member = (<PyMemberDescrObject *> descriptor).d_member
        if member.type != _T_OBJECT_EX or member.flags != 0:
            raise ValueError(f"{cls.__name__}.{name} is not a writable object slot")
        descriptors.append(descriptor)
    return descriptors


cdef inline Py_ssize_t slot_offset(descriptor):
    """Where a slot's member descriptor (one of writable_slots') keeps the value in an object."""
    return (<PyMemberDescrObject *> descriptor).d_member.offset
