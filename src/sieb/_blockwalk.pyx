# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The compiled DOM walk of `sieb.blocks.segment`: the same blocks, without a Python object per node.

`sieb.blocks.segment_python` walks selectolax `LexborNode`s; this module walks the Lexbor structs
behind them (`node.mem_id` is the address of a `lxb_dom_node_t`) and builds the very same
`Segmentation`: the same `TextBlock`s, `Element`s and shared `Context` objects, in the same order.
Per node it reads the tag id, the node type, the text of a text node and, of an element, only the
attributes that `sieb.signals.class_signals` or an image read; an element's signal is memoised per
process by its tag and those attribute values (computed on a miss by the compiled class_signals,
`sieb._classtokens.SignalReader`, when sieb.signals enabled it; else by class_signals itself). Frames, contexts, signals and elements are C
records; a `Context` object is made only for the contexts that blocks hold (once each, so blocks
share it exactly as in the Python walk) and the `Element`s are made at the end with their totals.
`TextBlock`s and `Element`s are made without their Python `__init__` (`_SlotObjects`: allocated
as object.__new__ does, each slot stored through its member descriptor).

Safety: the structs it reads (`_lexbor.pxd`) mirror Lexbor's as bundled with selectolax 1.0.2
(each cites its header); they hold no numeric ids. Tag and attribute ids, node types and the ids of text, comment,
doctype and document nodes are read by `sieb.blockwalk` from probe documents parsed with
selectolax and given to `setup()`. `sieb.blockwalk` enables this module only for a selectolax
version whose layout was checked and after a self-test against the Python walk; otherwise
`sieb.blocks.segment` runs the Python walk.
"""

from cpython.bytes cimport PyBytes_FromStringAndSize
from cpython.object cimport PyObject, PyTypeObject
from cpython.pycapsule cimport PyCapsule_GetPointer
from cpython.ref cimport Py_INCREF
from cpython.unicode cimport Py_UNICODE_ISSPACE, PyUnicode_DecodeUTF8
from libc.stdint cimport uintptr_t
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memcmp, memcpy

from sieb._slots cimport slot_offset, writable_slots


cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index)
    void PyUnicode_WRITE(int kind, void *data, Py_ssize_t index, Py_UCS4 value)
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    object PyType_GenericAlloc(PyTypeObject *cls, Py_ssize_t items)
    void PyObject_GC_UnTrack(void *obj)
    int PyList_SetSlice(object lst, Py_ssize_t low, Py_ssize_t high, void *itemlist) except -1

from sieb._lexbor cimport (
    STATIC_ID_LIMIT,
    CharacterData,
    DomAttr,
    DomElement,
    DomNode,
    entry_name,
)
from sieb._elementsignal cimport AttrValue, ElementSignal, element_signal_fn

# --- What the walk does with a tag, and what its context says (mirrors blocks._child_context).

cdef enum Kind:
    K_OTHER = 0  # an element that gets a frame but no block of its own
    K_BLOCK
    K_PLAIN  # inline element that inherits its parent's context
    K_SKIP
    K_BR
    K_IMG
    K_TEXT

cdef enum ContextTag:
    C_NONE = 0
    C_ARTICLE
    C_LINK
    C_LIST
    C_ORDERED_LIST
    C_TABLE
    C_ROW
    C_FIGURE
    C_QUOTE
    C_PRE

_CONTEXT_CODES = {
    "article": C_ARTICLE,
    "main": C_ARTICLE,
    "a": C_LINK,
    "ul": C_LIST,
    "menu": C_LIST,
    "ol": C_ORDERED_LIST,
    "table": C_TABLE,
    "tr": C_ROW,
    "figure": C_FIGURE,
    "blockquote": C_QUOTE,
    "pre": C_PRE,
}

# Attributes the walk reads: the first SIGNAL_SLOTS are those of sieb.signals.SIGNAL_ATTRIBUTES,
# then the image's src, data-src and alt.
cdef enum:
    MAX_SLOTS = 16
cdef int SIGNAL_SLOTS = 0
cdef int SLOT_SRC = -1
cdef int SLOT_DATA_SRC = -1
cdef int SLOT_ALT = -1


cdef struct SignalRecord:  # a sieb.signals.Signal
    long flags
    long neg
    long pos
    bint article
    bint empty  # it is EMPTY_SIGNAL


cdef struct ContextRecord:  # a sieb.blocks.Context, made a Python object only if a block has it
    long neg
    long pos
    long flags
    bint in_article
    bint in_link
    int list_id
    bint ordered
    int table_id
    int row_id
    int figure_id
    int quote_id
    bint pre


cdef struct ElementRecord:  # a sieb.blocks.Element
    int name
    int depth
    long signal
    int parent
    Py_ssize_t own_chars
    Py_ssize_t own_link_chars
    Py_ssize_t own_blocks
    Py_ssize_t text_chars
    Py_ssize_t link_chars
    Py_ssize_t blocks


cdef enum:
    MAX_FIELDS = 16


cdef class _SlotObjects:
    """Makes instances of a __slots__ class without running its Python __init__: allocates as
    object.__new__ does and stores each field where its slot's member descriptor would (into a
    slot of a new object, which is NULL: no old value to release).

    setup() checks that the class is such a class and that `fields` are all its slots; the
    walk's self-test (sieb.blockwalk) checks every field of what it makes.

    The objects are not tracked by the cyclic garbage collector: their slots hold only strings,
    numbers and (a TextBlock's ctx) a Context, which holds numbers, so they can be in no reference
    cycle, and every collection while a page is processed would otherwise visit each of them.
    """

    cdef object cls
    cdef list descriptors  # kept alive: `members` point into them
    cdef Py_ssize_t offsets[MAX_FIELDS]
    cdef Py_ssize_t count

    def __init__(self, cls, tuple fields):
        self.descriptors = writable_slots(cls, fields, MAX_FIELDS)
        self.cls = cls
        self.count = len(fields)
        for index, descriptor in enumerate(self.descriptors):
            self.offsets[index] = slot_offset(descriptor)

    cdef inline object new(self):
        obj = PyType_GenericAlloc(<PyTypeObject *> self.cls, 0)
        PyObject_GC_UnTrack(<void *> obj)
        return obj

    cdef inline int put(self, obj, Py_ssize_t field, value) except -1:
        """Store `value` in `field` of `obj`, a new object from new() (its slot is NULL)."""
        Py_INCREF(value)
        (<PyObject **> (<char *> <void *> obj + self.offsets[field]))[0] = <PyObject *> value
        return 0


cdef class _Config:
    """Everything setup() learnt; module-level so the walk reads it without lookups."""

    cdef list names  # interesting tag names; the last one is "" for any other tag
    cdef int[:] tag_signals  # index into the signal table of class_signals(name, {}), per name
    cdef unsigned char[:] kinds  # per name
    cdef unsigned char[:] contexts  # per name
    cdef int[:] static_tag  # static tag id -> name index
    cdef int[:] static_attr  # static attribute id -> slot or -1
    cdef list attr_names  # bytes per slot
    cdef list str_attr_names  # str per slot
    cdef list byte_names  # bytes per name index
    cdef uintptr_t text_id
    cdef uintptr_t comment_id
    cdef uintptr_t doctype_id
    cdef uintptr_t document_id
    cdef int element_type
    cdef int text_type
    cdef int unknown  # name index of tags that are none of the interesting ones
    cdef int body  # name index of "body"
    cdef object element_cls
    cdef object block_cls
    cdef _SlotObjects elements_made  # Element instances without Element.__init__
    cdef _SlotObjects blocks_made  # TextBlock instances without TextBlock.__init__
    cdef _SlotObjects contexts_made  # Context instances without Context.__init__
    cdef list heading_levels  # TextBlock.heading_level per name index
    cdef object context_cls
    cdef object class_signals
    cdef object signal_reader  # a sieb._classtokens.SignalReader, or None
    cdef element_signal_fn element_signal  # its C function (NULL: call class_signals)
    cdef object empty_signal
    cdef Py_ssize_t max_block_chars


cdef _Config CONFIG = None


cdef SignalRecord record_of(signal, empty_signal) except *:
    return SignalRecord(signal.flags, signal.neg, signal.pos, signal.article, signal is empty_signal)


cdef class _SignalTable:
    """Signals as C records, memoised by tag and signal-attribute values for the process.

    Bounded like signals._token_cache: past `limit` distinct keys, new ones are computed each time.
    """

    cdef SignalRecord *records
    cdef Py_ssize_t count
    cdef Py_ssize_t capacity
    cdef dict index  # memo key (bytes) -> record index
    cdef Py_ssize_t limit

    def __cinit__(self, Py_ssize_t limit):
        self.records = NULL
        self.count = self.capacity = 0
        self.index = {}
        self.limit = limit

    def __dealloc__(self):
        free(self.records)

    cdef Py_ssize_t add(self, signal, empty_signal) except -1:
        return self.add_record(record_of(signal, empty_signal))

    cdef Py_ssize_t add_record(self, SignalRecord record) except -1:
        cdef SignalRecord *grown
        if self.count == self.capacity:
            self.capacity = max(256, 2 * self.capacity)
            grown = <SignalRecord *> realloc(self.records, self.capacity * sizeof(SignalRecord))
            if grown == NULL:
                raise MemoryError()
            self.records = grown
        self.records[self.count] = record
        self.count += 1
        return self.count - 1

    def memo_size(self):
        """How many keys are memoised (for tests)."""
        return len(self.index)


# Tag-only signals come first (setup() adds them); the rest are memoised (at most this many).
cdef Py_ssize_t SIGNAL_CACHE_SIZE = 100_000
cdef _SignalTable SIGNALS = _SignalTable(SIGNAL_CACHE_SIZE)


def signal_memo_for_tests():
    """The process's signal memo (tests read its size)."""
    return SIGNALS


def node_ids(size_t address):
    """(type, local_name) of the node at `address`."""
    cdef DomNode *node = <DomNode *> address
    return node.type, node.local_name


def parent_address(size_t address):
    """The address of the parent of the node at `address` (0 for none)."""
    return <size_t> (<DomNode *> address).parent


def first_child_address(size_t address):
    """The address of the first child of the node at `address` (0 for none)."""
    return <size_t> (<DomNode *> address).first_child


def attribute_ids(size_t address):
    """(local_name, qualified_name) of each attribute of the element at `address`, in order."""
    cdef DomAttr *attr = (<DomElement *> address).first_attr
    ids = []
    while attr != NULL:
        ids.append((attr.node.local_name, attr.qualified_name))
        attr = attr.next
    return ids


def dynamic_name(uintptr_t name_id):
    """The name behind a per-document (hash entry) id, as bytes."""
    cdef size_t length = 0
    cdef const unsigned char *name = entry_name(name_id, &length)
    return PyBytes_FromStringAndSize(<const char *> name, length)


def is_static(uintptr_t name_id):
    """True for an id that indexes a static Lexbor name table."""
    return name_id < STATIC_ID_LIMIT


cdef object int_table(Py_ssize_t size, int fill):
    table = memoryview(bytearray(4 * size)).cast("i")
    for i in range(size):
        table[i] = fill
    return table


def setup(dict tag_ids, dict attr_ids, dict names_kinds, dict special, dict api):
    """Install the probed ids and the Python side's classes; see sieb.blockwalk.load.

    `tag_ids` maps every name of `names_kinds` to its static id, `attr_ids` the attribute names
    the walk reads to theirs (None when Lexbor gives the name a per-document id), `names_kinds`
    tag names to what the walk does with them ("block", "plain", "skip", "br", "img", "other"),
    `special` the node types and the id of text nodes, `api` the classes and functions of
    sieb.blocks and sieb.signals the walk builds with.
    """
    global CONFIG, SIGNALS, SIGNAL_SLOTS, SLOT_SRC, SLOT_DATA_SRC, SLOT_ALT
    kind_codes = {"other": K_OTHER, "block": K_BLOCK, "plain": K_PLAIN, "skip": K_SKIP,
                  "br": K_BR, "img": K_IMG}
    if set(_CONTEXT_CODES) != set(api["context_tags"]):
        raise ValueError("the context tags differ from sieb.blocks'")
    cdef _Config config = _Config()
    config.names = list(names_kinds) + [""]
    config.unknown = len(config.names) - 1
    config.body = config.names.index("body")
    signal_attributes = list(api["signal_attributes"])
    attr_names = signal_attributes + ["src", "data-src", "alt"]
    if len(attr_names) > MAX_SLOTS or set(attr_ids) != set(attr_names):
        raise ValueError("attribute ids do not match the attributes the walk reads")
    if set(tag_ids) != set(names_kinds) or len(config.names) > 0xFFFF:
        raise ValueError("tag ids do not match the tags the walk names")
    SIGNAL_SLOTS = len(signal_attributes)
    SLOT_SRC, SLOT_DATA_SRC, SLOT_ALT = SIGNAL_SLOTS, SIGNAL_SLOTS + 1, SIGNAL_SLOTS + 2
    config.attr_names = [name.encode() for name in attr_names]
    config.str_attr_names = attr_names
    config.byte_names = [name.encode() for name in config.names]
    kinds = bytearray(len(config.names))
    contexts = bytearray(len(config.names))
    for index, name in enumerate(names_kinds):
        kinds[index] = kind_codes[names_kinds[name]]
        contexts[index] = _CONTEXT_CODES.get(name, C_NONE)
    config.kinds = kinds
    config.contexts = contexts
    config.class_signals = api["class_signals"]
    config.empty_signal = api["EMPTY_SIGNAL"]
    config.signal_reader = api.get("signal_reader")
    config.element_signal = NULL
    if config.signal_reader is not None:
        config.element_signal = <element_signal_fn> PyCapsule_GetPointer(
            config.signal_reader.capsule(), "sieb._classtokens.element_signal"
        )
    SIGNALS = _SignalTable(SIGNAL_CACHE_SIZE)
    config.tag_signals = int_table(len(config.names), 0)
    for index, name in enumerate(config.names):
        config.tag_signals[index] = SIGNALS.add(config.class_signals(name, {}), config.empty_signal)
    static_tag = int_table(max(tag_ids.values()) + 1, config.unknown)
    for name, tag_id in tag_ids.items():
        if tag_id >= STATIC_ID_LIMIT:
            raise ValueError(f"tag {name!r} has no static id")
        static_tag[tag_id] = config.names.index(name)
    config.static_tag = static_tag
    static_ids = [i for i in attr_ids.values() if i is not None]
    static_attr = int_table(max(static_ids, default=0) + 1, -1)
    for slot, name in enumerate(attr_names):
        attr_id = attr_ids[name]
        if attr_id is not None:
            if attr_id >= STATIC_ID_LIMIT:
                raise ValueError(f"attribute {name!r} has no static id")
            static_attr[attr_id] = slot
    config.static_attr = static_attr
    config.text_id = special["text_id"]
    config.comment_id = tag_ids["-comment"]
    config.doctype_id = tag_ids["-doctype"]
    config.document_id = tag_ids["-document"]
    config.element_type = special["element_type"]
    config.text_type = special["text_type"]
    config.element_cls = api["Element"]
    config.block_cls = api["TextBlock"]
    config.elements_made = _SlotObjects(config.element_cls, ELEMENT_FIELDS)
    config.blocks_made = _SlotObjects(config.block_cls, BLOCK_FIELDS)
    config.heading_levels = [config.block_cls("", name, 0, 0, 0, None).heading_level
                             for name in config.names]
    config.context_cls = api["Context"]
    config.contexts_made = _SlotObjects(config.context_cls, CONTEXT_FIELDS)
    config.max_block_chars = api["max_block_chars"]
    CONFIG = config


# The fields of the objects the walk makes, in the order it stores them.
ELEMENT_FIELDS = ("tag", "depth", "signal", "parent", "own_chars", "own_link_chars",
                  "own_blocks", "text_chars", "link_chars", "blocks")
BLOCK_FIELDS = ("text", "tag", "link_chars", "element", "depth", "ctx", "heading_level",
                "image_src", "image_alt", "position", "fragments")
CONTEXT_FIELDS = ("neg", "pos", "flags", "in_article", "in_link", "list_id", "ordered",
                  "table_id", "row_id", "figure_id", "quote_id", "pre")


# --- The walk.

cdef struct Frame:
    DomNode *next  # the next child to visit
    int tag  # name index of the block-level tag that text in this frame belongs to
    int element
    bint is_block
    int ctx  # index into _Walk.contexts
    int depth


cdef inline int name_index(list names, int count, uintptr_t name_id, int missing):
    """The index among the first `count` of `names` (bytes) of a dynamic (hash-entry) tag or
    attribute name, else `missing`."""
    cdef size_t length = 0
    cdef const unsigned char *name = entry_name(name_id, &length)
    cdef int index
    cdef bytes candidate
    for index in range(count):
        candidate = names[index]
        if <size_t> len(candidate) == length and memcmp(<const char *> candidate, name, length) == 0:
            return index
    return missing


cdef inline int tag_index(_Config config, uintptr_t name_id):
    """The name index of an element's tag (blocks: `node.tag`, the qualified name)."""
    if name_id < STATIC_ID_LIMIT:
        if name_id < <uintptr_t> config.static_tag.shape[0]:
            return config.static_tag[name_id]
        return config.unknown
    return name_index(config.byte_names, config.unknown, name_id, config.unknown)


cdef inline int attr_slot(_Config config, DomAttr *attr):
    """The slot of an attribute the walk reads, or -1 (by its qualified name, as selectolax)."""
    cdef uintptr_t name_id = attr.qualified_name if attr.qualified_name != 0 else attr.node.local_name
    if name_id < STATIC_ID_LIMIT:
        if name_id < <uintptr_t> config.static_attr.shape[0]:
            return config.static_attr[name_id]
        return -1
    return name_index(config.attr_names, len(config.attr_names), name_id, -1)


cdef inline object decode(const unsigned char *data, size_t length):
    """As selectolax decodes (its _decode_utf8)."""
    return PyUnicode_DecodeUTF8(<const char *> data, length, "replace")


cdef str collapse_whitespace(str raw):
    """" ".join(raw.split()) without the list of words: runs of whitespace (str.split's, that
    is Py_UNICODE_ISSPACE) become one space, none at the ends."""
    cdef Py_ssize_t n = len(raw), i
    cdef int kind = PyUnicode_KIND(raw)
    cdef void *data = PyUnicode_DATA(raw)
    cdef Py_UCS4 ch
    cdef bint after_space = True  # a space first would be a leading one
    # Most texts are already collapsed (single " " between words, none at the ends): then
    # `raw` itself is the result, found in one read-only pass.
    for i in range(n):
        ch = PyUnicode_READ(kind, data, i)
        if ch == u" ":
            if after_space:
                return collapsed(raw, kind, data, n)
            after_space = True
        elif Py_UNICODE_ISSPACE(ch):
            return collapsed(raw, kind, data, n)
        else:
            after_space = False
    if after_space and n > 0:  # a trailing space
        return collapsed(raw, kind, data, n)
    return raw


cdef str collapsed(str raw, int kind, void *data, Py_ssize_t n):
    """collapse_whitespace for a text that it changes."""
    cdef Py_ssize_t i, size = 0
    cdef void *buffer
    cdef Py_UCS4 ch
    cdef bint gap = False, changed = False
    buffer = malloc(n * kind)
    if buffer == NULL:
        raise MemoryError()
    try:
        for i in range(n):
            ch = PyUnicode_READ(kind, data, i)
            if Py_UNICODE_ISSPACE(ch):
                if ch != u" ":
                    changed = True
                gap = size > 0
            else:
                if gap:
                    PyUnicode_WRITE(kind, buffer, size, u" ")
                    size += 1
                    gap = False
                PyUnicode_WRITE(kind, buffer, size, ch)
                size += 1
        if size == n and not changed:
            return raw
        return PyUnicode_FromKindAndData(kind, buffer, size)
    finally:
        free(buffer)


def collapse_whitespace_for_tests(str raw):
    """collapse_whitespace, callable from Python (tests compare it with " ".join(raw.split()))."""
    return collapse_whitespace(raw)


cdef bint is_space(str text):
    """text.isspace(): not empty and only whitespace (Py_UNICODE_ISSPACE, as str.isspace)."""
    cdef Py_ssize_t n = len(text), i
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    if n == 0:
        return False
    for i in range(n):
        if not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)):
            return False
    return True


cdef Py_ssize_t stripped_length(str text):
    """len(text.strip()): str.strip() without arguments strips Py_UNICODE_ISSPACE characters."""
    cdef Py_ssize_t start = 0, end = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    while start < end and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start)):
        start += 1
    while end > start and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1)):
        end -= 1
    return end - start


def is_space_for_tests(str text):
    """is_space, callable from Python (tests compare it with str.isspace)."""
    return is_space(text)


def stripped_length_for_tests(str text):
    """stripped_length, callable from Python (tests compare it with len(str.strip()))."""
    return stripped_length(text)


cdef void *grow(void *array, Py_ssize_t *capacity, Py_ssize_t needed, size_t item) except NULL:
    """`array` with room for at least `needed` items (doubling), or MemoryError."""
    cdef Py_ssize_t size = capacity[0]
    cdef void *grown
    if needed <= size and array != NULL:
        return array
    while size < needed:
        size = max(64, 2 * size)
    grown = realloc(array, size * item)
    if grown == NULL:
        raise MemoryError()
    capacity[0] = size
    return grown


cdef class _Walk:
    """The state of one page's walk: blocks._Builder plus the frame stack, in C records."""

    cdef _Config config
    cdef list blocks
    cdef list parts  # inline text of the block being built
    cdef Py_ssize_t space_parts  # parts that are whitespace only
    cdef Py_ssize_t link_chars
    cdef Py_ssize_t chars
    cdef object image_src
    cdef object image_alt
    cdef Frame *stack
    cdef Py_ssize_t depth  # frames on the stack
    cdef Py_ssize_t stack_capacity
    cdef ContextRecord *contexts
    cdef Py_ssize_t context_count
    cdef Py_ssize_t context_capacity
    cdef list context_objects  # the Context of a record, once a block has it (else None)
    cdef ElementRecord *elements
    cdef Py_ssize_t element_count
    cdef Py_ssize_t element_capacity
    cdef DomAttr *attrs[MAX_SLOTS]  # of the element being opened, by slot
    cdef char *key
    cdef Py_ssize_t key_capacity

    def __cinit__(self, _Config config):
        self.config = config
        self.blocks = []
        self.parts = []
        self.context_objects = []
        self.image_src = self.image_alt = ""
        self.stack = NULL
        self.contexts = NULL
        self.elements = NULL
        self.key = NULL

    def __dealloc__(self):
        free(self.stack)
        free(self.contexts)
        free(self.elements)
        free(self.key)

    cdef Frame *push(self) except NULL:
        self.stack = <Frame *> grow(self.stack, &self.stack_capacity, self.depth + 1, sizeof(Frame))
        self.depth += 1
        return &self.stack[self.depth - 1]

    cdef int add_context(self, ContextRecord *record) except -1:
        self.contexts = <ContextRecord *> grow(
            self.contexts, &self.context_capacity, self.context_count + 1, sizeof(ContextRecord)
        )
        self.contexts[self.context_count] = record[0]
        self.context_objects.append(None)
        self.context_count += 1
        return <int> (self.context_count - 1)

    cdef int add_element(self, int name, int depth, long signal, int parent) except -1:
        self.elements = <ElementRecord *> grow(
            self.elements, &self.element_capacity, self.element_count + 1, sizeof(ElementRecord)
        )
        self.elements[self.element_count] = ElementRecord(name, depth, signal, parent, 0, 0, 0, 0, 0, 0)
        self.element_count += 1
        return <int> (self.element_count - 1)

    cdef object context(self, int index):
        """The Context object of a record, made once so that blocks share it as in blocks.py."""
        cdef ContextRecord *c
        cdef _SlotObjects made
        ctx = self.context_objects[index]
        if ctx is None:
            c = &self.contexts[index]
            # Context(neg, pos, ...) without Context.__init__ (see _SlotObjects)
            made = self.config.contexts_made
            ctx = made.new()
            made.put(ctx, 0, c.neg)
            made.put(ctx, 1, c.pos)
            made.put(ctx, 2, c.flags)
            made.put(ctx, 3, c.in_article)
            made.put(ctx, 4, c.in_link)
            made.put(ctx, 5, c.list_id)
            made.put(ctx, 6, c.ordered)
            made.put(ctx, 7, c.table_id)
            made.put(ctx, 8, c.row_id)
            made.put(ctx, 9, c.figure_id)
            made.put(ctx, 10, c.quote_id)
            made.put(ctx, 11, c.pre)
            self.context_objects[index] = ctx
        return ctx

    cdef int add_text(self, str text, bint in_link) except -1:
        """Append inline text (blocks._Builder.add_text and the text branch of segment)."""
        if self.chars > self.config.max_block_chars:
            return 0
        self.parts.append(text)
        if is_space(text):
            self.space_parts += 1
        self.chars += len(text)
        if in_link:
            self.link_chars += stripped_length(text)
        return 0

    cdef int flush(self, Frame *frame) except -1:
        """blocks._Builder.flush (whitespace-only parts are counted as they are added)."""
        cdef list parts = self.parts
        cdef Py_ssize_t fragments = len(parts) - self.space_parts
        cdef Py_ssize_t link_chars
        cdef ElementRecord *element
        if not parts and not self.image_src:
            return 0
        if not self.image_src and fragments == 0:  # "".join(parts) is empty or whitespace
            PyList_SetSlice(parts, 0, len(parts), NULL)  # del parts[:], without a slice object
            self.space_parts = self.link_chars = self.chars = 0
            return 0
        raw = "".join(parts)
        if self.contexts[frame.ctx].pre:
            text = raw.strip("\n ").replace("\xa0", " ")
        else:
            text = collapse_whitespace(raw)  # equal to _SPACE.sub(" ", raw).strip(): same \s
        link_chars = min(self.link_chars, len(text))
        PyList_SetSlice(parts, 0, len(parts), NULL)
        self.space_parts = self.link_chars = self.chars = 0
        image_src, image_alt = self.image_src, self.image_alt
        self.image_src = self.image_alt = ""
        if not text and not image_src:
            return 0
        # TextBlock(text, tag, link_chars, element, depth, ctx, image_src, image_alt), then
        # its fragments, without running TextBlock.__init__ (see _SlotObjects)
        made = self.config.blocks_made
        block = made.new()
        made.put(block, 0, text)
        made.put(block, 1, self.config.names[frame.tag])
        made.put(block, 2, link_chars)
        made.put(block, 3, frame.element)
        made.put(block, 4, frame.depth)
        made.put(block, 5, self.context(frame.ctx))
        made.put(block, 6, self.config.heading_levels[frame.tag])
        made.put(block, 7, image_src)
        made.put(block, 8, image_alt)
        made.put(block, 9, 0.0)
        made.put(block, 10, fragments)
        self.blocks.append(block)
        element = &self.elements[frame.element]
        element.own_chars += len(text)
        element.own_link_chars += link_chars
        element.own_blocks += 1
        return 0

    cdef object attr_value(self, int slot):
        """The value of an attribute read into `attrs`, as selectolax gives it (None if empty)."""
        cdef DomAttr *attr = self.attrs[slot]
        if attr == NULL or attr.value == NULL or attr.value.data == NULL:
            return None
        return decode(attr.value.data, attr.value.length)

    cdef int read_attrs(self, DomNode *node) except -1:
        """Fill `attrs`; a later duplicate wins, as in selectolax's attributes dict."""
        cdef DomAttr *attr = (<DomElement *> node).first_attr
        cdef int slot
        for slot in range(MAX_SLOTS):
            self.attrs[slot] = NULL
        while attr != NULL:
            slot = attr_slot(self.config, attr)
            if slot >= 0:
                self.attrs[slot] = attr
            attr = attr.next
        return 0

    cdef SignalRecord signal(self, int name) except *:
        """The signal record of class_signals(tag, attributes) for the element in `attrs`.

        The memo key is the tag's name index, then per signal attribute a byte (0 absent, 1 no
        value, 2 a value) and for a value its length and bytes.
        """
        cdef int slot
        cdef Py_ssize_t size = 2
        cdef Py_ssize_t at
        cdef bint any_present = False
        cdef DomAttr *attr
        for slot in range(SIGNAL_SLOTS):
            attr = self.attrs[slot]
            size += 1
            if attr != NULL:
                any_present = True
                if attr.value != NULL and attr.value.data != NULL:
                    size += sizeof(size_t) + attr.value.length
        if not any_present:
            return SIGNALS.records[self.config.tag_signals[name]]
        self.key = <char *> grow(self.key, &self.key_capacity, size, 1)
        self.key[0] = <char> (name & 0xFF)
        self.key[1] = <char> (name >> 8)
        at = 2
        for slot in range(SIGNAL_SLOTS):
            attr = self.attrs[slot]
            if attr == NULL:
                self.key[at] = 0
                at += 1
            elif attr.value == NULL or attr.value.data == NULL:
                self.key[at] = 1
                at += 1
            else:
                self.key[at] = 2
                memcpy(&self.key[at + 1], &attr.value.length, sizeof(size_t))
                at += 1 + sizeof(size_t)
                memcpy(&self.key[at], attr.value.data, attr.value.length)
                at += attr.value.length
        key = PyBytes_FromStringAndSize(self.key, at)
        cached = SIGNALS.index.get(key)
        if cached is not None:
            return SIGNALS.records[<Py_ssize_t> cached]
        if self.config.element_signal != NULL:
            return self.read_signal(name, key)
        attributes = {}
        for slot in range(SIGNAL_SLOTS):
            if self.attrs[slot] != NULL:
                attributes[self.config.str_attr_names[slot]] = self.attr_value(slot)
        signal = self.config.class_signals(self.config.names[name], attributes)
        if len(SIGNALS.index) < SIGNALS.limit:
            SIGNALS.index[key] = SIGNALS.add(signal, self.config.empty_signal)
        return record_of(signal, self.config.empty_signal)

    cdef SignalRecord read_signal(self, int name, bytes key) except *:
        """The signal record of the element in `attrs` from the compiled class_signals, memoised
        under `key`."""
        cdef AttrValue values[MAX_SLOTS]
        cdef ElementSignal signal
        cdef DomAttr *attr
        cdef SignalRecord record
        cdef int slot
        for slot in range(SIGNAL_SLOTS):
            attr = self.attrs[slot]
            if attr == NULL:
                values[slot] = AttrValue(False, NULL, 0)
            elif attr.value == NULL or attr.value.data == NULL:
                values[slot] = AttrValue(True, NULL, 0)
            else:
                values[slot] = AttrValue(True, attr.value.data, attr.value.length)
        self.config.element_signal(
            self.config.signal_reader,
            SIGNALS.records[self.config.tag_signals[name]].flags,
            values,
            &signal,
        )
        record = SignalRecord(signal.flags, signal.neg, signal.pos, signal.article, signal.empty)
        if len(SIGNALS.index) < SIGNALS.limit:
            SIGNALS.index[key] = SIGNALS.add_record(record)
        return record

    cdef int take_image(self, DomNode *node, Frame *frame) except -1:
        """blocks._take_image."""
        if self.contexts[frame.ctx].figure_id < 0 or self.image_src:
            return 0
        self.read_attrs(node)
        self.image_src = self.attr_value(SLOT_SRC) or self.attr_value(SLOT_DATA_SRC) or ""
        self.image_alt = (self.attr_value(SLOT_ALT) or "").strip()
        return 0

    cdef int open(self, DomNode *node, int name, bint is_element) except -1:
        """blocks._open and blocks._child_context: push a frame for an element."""
        cdef _Config config = self.config
        cdef Frame parent = self.stack[self.depth - 1]  # a copy: push() may move the stack
        cdef int depth = <int> self.depth
        cdef bint is_block = config.kinds[name] == K_BLOCK
        cdef int context_tag = config.contexts[name]
        cdef int element
        cdef int ctx = parent.ctx
        cdef SignalRecord signal
        cdef ContextRecord record
        cdef Frame *frame
        if is_element:
            self.read_attrs(node)
            signal = self.signal(name)
        else:
            signal = SIGNALS.records[config.tag_signals[name]]
        if is_block:
            if self.parts or self.image_src:
                self.flush(&parent)
            element = self.add_element(name, depth, signal.flags, parent.element)
        else:
            element = parent.element
        if not signal.empty or context_tag != C_NONE:
            record = self.contexts[parent.ctx]
            if not signal.empty:
                record.neg += signal.neg
                record.pos += signal.pos
                record.flags |= signal.flags
                record.in_article = record.in_article or signal.article
            if context_tag == C_ARTICLE:
                record.in_article = True
            elif context_tag == C_LINK:
                record.in_link = True
            elif context_tag == C_LIST or context_tag == C_ORDERED_LIST:
                record.list_id, record.ordered = element, context_tag == C_ORDERED_LIST
            elif context_tag == C_TABLE:
                record.table_id, record.list_id = element, -1
            elif context_tag == C_ROW:
                record.row_id = element
            elif context_tag == C_FIGURE:
                record.figure_id = element
            elif context_tag == C_QUOTE:
                record.quote_id = element
            elif context_tag == C_PRE:
                record.pre = True
            ctx = self.add_context(&record)
        frame = self.push()
        frame.next = node.first_child
        frame.tag = name if is_block else parent.tag
        frame.element = element
        frame.is_block = is_block
        frame.ctx = ctx
        frame.depth = depth
        return 0

    cdef int push_plain(self, DomNode *node) except -1:
        """A frame for an inline element that inherits everything from its parent."""
        cdef Frame *frame = self.push()
        frame[0] = self.stack[self.depth - 2]
        frame.next = node.first_child
        frame.is_block = False
        return 0

    cdef int text(self, DomNode *node, Frame *frame) except -1:
        cdef CharacterData *data
        if node.type != self.config.text_type:
            return 0  # selectolax's text_content is None
        data = <CharacterData *> node
        if data.data.data == NULL or data.data.length == 0:
            return 0
        if self.chars > self.config.max_block_chars:
            return 0
        return self.add_text(decode(data.data.data, data.data.length),
                             self.contexts[frame.ctx].in_link)

    cdef int run(self, DomNode *root) except -1:
        """blocks.segment_python's loop over the nodes."""
        cdef _Config config = self.config
        cdef Frame *frame
        cdef DomNode *node
        cdef uintptr_t name_id
        cdef int name, kind
        cdef bint opened, is_element
        cdef ContextRecord empty = ContextRecord(0, 0, 0, False, False, -1, False, -1, -1, -1, -1, False)
        self.add_element(config.body, 0, 0, -1)
        frame = self.push()
        frame.next = root.first_child
        frame.tag = config.body
        frame.element = 0
        frame.is_block = True
        frame.ctx = self.add_context(&empty)
        frame.depth = 0
        while self.depth:
            frame = &self.stack[self.depth - 1]
            opened = False
            node = frame.next
            while node != NULL:
                frame.next = node.next
                name_id = node.local_name
                if name_id == config.text_id:
                    self.text(node, frame)
                    node = frame.next
                    continue
                is_element = node.type == config.element_type
                if name_id == config.comment_id or name_id == config.doctype_id \
                        or name_id == config.document_id:
                    name = config.static_tag[name_id]  # selectolax names these by id alone
                elif is_element:
                    if (<DomElement *> node).qualified_name != 0:
                        name_id = (<DomElement *> node).qualified_name
                    name = tag_index(config, name_id)
                else:
                    node = frame.next  # selectolax's tag is None
                    continue
                kind = config.kinds[name]
                if kind == K_PLAIN:
                    self.push_plain(node)
                    opened = True
                    break
                elif kind == K_BR:
                    self.add_text("\n" if self.contexts[frame.ctx].pre else " ", False)
                elif kind == K_IMG:
                    self.take_image(node, frame)
                elif kind != K_SKIP:
                    self.open(node, name, is_element)
                    opened = True
                    break
                node = frame.next
            if opened:
                continue
            self.depth -= 1
            if frame.is_block and (self.parts or self.image_src):
                self.flush(frame)
        return 0

    cdef list element_objects(self):
        """The Elements with their subtree totals (blocks._sum_up: children follow parents)."""
        cdef Py_ssize_t i
        cdef ElementRecord *e
        cdef ElementRecord *parent
        for i in range(self.element_count):
            e = &self.elements[i]
            e.text_chars, e.link_chars, e.blocks = e.own_chars, e.own_link_chars, e.own_blocks
        for i in range(self.element_count - 1, -1, -1):
            e = &self.elements[i]
            if e.parent >= 0:
                parent = &self.elements[e.parent]
                parent.text_chars += e.text_chars
                parent.link_chars += e.link_chars
                parent.blocks += e.blocks
        cdef _SlotObjects made = self.config.elements_made
        names = self.config.names
        result = []
        for i in range(self.element_count):
            e = &self.elements[i]
            element = made.new()  # Element(...) without Element.__init__ (see _SlotObjects)
            made.put(element, 0, names[e.name])
            made.put(element, 1, e.depth)
            made.put(element, 2, e.signal)
            made.put(element, 3, e.parent)
            made.put(element, 4, e.own_chars)
            made.put(element, 5, e.own_link_chars)
            made.put(element, 6, e.own_blocks)
            made.put(element, 7, e.text_chars)
            made.put(element, 8, e.link_chars)
            made.put(element, 9, e.blocks)
            result.append(element)
        return result


def walk(tree):
    """(blocks, elements) of a parsed page, exactly as sieb.blocks.segment_python gives them."""
    cdef _Config config = CONFIG
    cdef Py_ssize_t count, index
    if config is None:
        raise RuntimeError("sieb._blockwalk.setup() has not run")
    root = tree.body or tree.root
    if root is None:
        return [], []
    cdef _Walk state = _Walk(config)
    state.run(<DomNode *> <size_t> root.mem_id)
    blocks = state.blocks
    count = max(len(blocks), 1)
    for index in range(len(blocks)):
        blocks[index].position = index / count
    return blocks, state.element_objects()
