# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of text mode's assembly (sieb.text.assemble: `python_lines`, `python_blocks` and
`python_tally` are the definitions, `python_assemble` gives the three): the same `Line` and
`Block` objects, made as `object.__new__` makes them and filled slot by slot, the lines and the
tally in one pass over the page's lines, the blocks in another."""

from cpython.object cimport PyObject, PyTypeObject
from cpython.ref cimport Py_INCREF
from sieb._slots cimport slot_offset, writable_slots
from sieb.text._chars cimport has_char


cdef extern from "Python.h":
    void PyObject_GC_Track(void *obj)
    object PyTuple_New(Py_ssize_t size)
    void PyTuple_SET_ITEM(object tup, Py_ssize_t index, object value)

# Positions of the fields read from a LineFeatures and a Decision tuple (checked by Assembler).
DEF NUMBER = 0
DEF TEXT = 1
DEF GROUP = 4
DEF CHARS = 7
DEF ROLE = 0
DEF KEPT = 1
DEF REASON = 2

cdef enum:
    MAX_FIELDS = 24
    HAVE_GC = 1 << 14  # Py_TPFLAGS_HAVE_GC

cdef extern from *:
    """
    /* A new instance of a garbage-collected class of fixed size, not tracked by the collector,
       its fields past the object header zeroed: PyType_GenericAlloc without tracking it (and
       without clearing the header it then sets). */
    static PyObject *sieb_untracked_new(PyTypeObject *cls) {
        PyObject *obj = PyObject_GC_New(PyObject, cls);
        if (obj != NULL)
            memset((char *)obj + sizeof(PyObject), 0, cls->tp_basicsize - sizeof(PyObject));
        return obj;
    }
    """
    object sieb_untracked_new(PyTypeObject *cls)

# Block fields by position (as `fields(Block)` lists them; checked by Assembler).
BLOCK_FIELDS = (
    "kind", "text", "level", "items", "ordered", "rows", "language", "speaker", "caption",
    "credit", "src", "alt",
)
DEF B_KIND = 0
DEF B_TEXT = 1
DEF B_LEVEL = 2
DEF B_ITEMS = 3
DEF B_ROWS = 5
DEF B_SPEAKER = 7
DEF B_CAPTION = 8
DEF B_CREDIT = 9
DEF B_ALT = 11
DEF N_BLOCK_FIELDS = 12
LINE_FIELDS = ("number", "text", "role", "kept", "reason")


cdef class _SlotObjects:
    """Makes instances of a plain __slots__ class without its __init__: allocated as
    object.__new__ does, each field stored where its slot's member descriptor would store it
    (into a new object's empty slot: no old value to release). Lines and blocks hold strings,
    numbers, enum members and tuples of strings, so they can be in no reference cycle: they are
    never tracked by the cyclic garbage collector (an article, which holds a dict, is, once
    done() has been called on it with all its fields stored)."""

    cdef object cls
    cdef list descriptors  # kept alive: the offsets are read from them
    cdef Py_ssize_t offsets[MAX_FIELDS]

    cdef bint tracked  # left to the cyclic garbage collector (objects that hold containers)

    def __init__(self, cls, tuple fields, bint tracked=False):
        self.tracked = tracked
        self.descriptors = writable_slots(cls, fields, MAX_FIELDS)
        if not cls.__flags__ & HAVE_GC or cls.__itemsize__ != 0:
            raise ValueError(f"{cls.__name__} is not a garbage-collected class of fixed size")
        self.cls = cls
        for index, descriptor in enumerate(self.descriptors):
            self.offsets[index] = slot_offset(descriptor)

    cdef inline object new(self):
        """A new instance, its slots empty (NULL)."""
        return sieb_untracked_new(<PyTypeObject *> self.cls)

    cdef inline void done(self, obj) noexcept:
        """`obj` (from new()) has all its fields: track it if its class is tracked."""
        if self.tracked:
            PyObject_GC_Track(<void *> obj)

    cdef inline object get(self, obj, Py_ssize_t field):
        """The value of `field` of `obj` (an instance whose slots are all filled)."""
        return <object> (<PyObject **> (<char *> <void *> obj + self.offsets[field]))[0]

    cdef inline void put(self, obj, Py_ssize_t field, value) noexcept:
        """Store `value` in `field` of `obj`, a new object from new() (its slot is NULL)."""
        Py_INCREF(value)
        (<PyObject **> (<char *> <void *> obj + self.offsets[field]))[0] = <PyObject *> value


cdef inline list as_list(object items):
    """`items` (a list or a list subclass such as lines.Lines) read as the list it is."""
    if not isinstance(items, list):
        raise TypeError(f"expected a list, not {type(items).__name__}")
    return <list>items


cdef inline tuple as_tuple(object row):
    """`row` (a LineFeatures or a Decision: tuple subclasses) read as the tuple it is."""
    if not isinstance(row, tuple):
        raise TypeError(f"expected a tuple, not {type(row).__name__}")
    return <tuple>row


cdef class Assembler:
    """assemble.python_assemble and python_article for the given classes: `roles` is LineRole,
    `kinds` BlockKind, `credit_sub` patterns.CREDIT_LABEL.sub, `block_defaults` the defaults of
    Block's fields (BLOCK_FIELDS order; the kind's is None)."""

    cdef _SlotObjects lines_made, blocks_made, articles_made
    cdef Py_ssize_t n_article_fields
    cdef tuple block_defaults
    cdef object credit_sub
    cdef object title, lead, paragraph, heading, pull_quote, quote_source, list_item, table
    cdef object image_alt, caption, credit, byline, date, consent
    cdef object split_photo_source  # patterns.split_photo_source
    cdef object table_cells  # assemble.table_cells
    cdef object k_paragraph, k_heading, k_list, k_quote, k_figure, k_table
    cdef object level_two, empty

    def __init__(self, line_cls, block_cls, article_cls, tuple article_fields, feature_fields,
                 decision_fields, roles, kinds, credit_sub, split_photo_source,
                 table_cells, tuple block_defaults):
        if tuple(feature_fields[:8]) != (
                "number", "text", "low", "index", "group", "group_pos", "group_size", "chars") \
                or tuple(decision_fields) != ("role", "kept", "reason") \
                or len(block_defaults) != N_BLOCK_FIELDS:
            raise ValueError("LineFeatures, Decision or Block have other fields than expected")
        self.lines_made = _SlotObjects(line_cls, LINE_FIELDS)
        self.blocks_made = _SlotObjects(block_cls, BLOCK_FIELDS)
        self.articles_made = _SlotObjects(article_cls, article_fields, tracked=True)
        self.n_article_fields = len(article_fields)
        self.block_defaults = block_defaults
        self.credit_sub = credit_sub
        self.split_photo_source = split_photo_source
        self.table_cells = table_cells
        self.title, self.lead, self.paragraph, self.heading = (
            roles.TITLE, roles.LEAD, roles.PARAGRAPH, roles.HEADING)
        self.pull_quote, self.quote_source, self.list_item = (
            roles.PULL_QUOTE, roles.QUOTE_SOURCE, roles.LIST_ITEM)
        self.table = roles.TABLE
        self.image_alt, self.caption, self.credit = roles.IMAGE_ALT, roles.CAPTION, roles.CREDIT
        self.byline, self.date, self.consent = roles.BYLINE, roles.DATE, roles.CONSENT
        self.k_paragraph, self.k_heading, self.k_list, self.k_quote, self.k_figure = (
            kinds.PARAGRAPH, kinds.HEADING, kinds.LIST, kinds.QUOTE, kinds.FIGURE)
        self.k_table = kinds.TABLE
        self.level_two = 2
        self.empty = ""

    def assemble(self, object feats, object decisions):
        """python_assemble: (lines, blocks, body text, tally) of a page."""
        cdef list fs = as_list(feats), ds = as_list(decisions)
        if len(ds) != len(fs):
            raise ValueError("features and decisions of different lengths")
        lines, tally = self.lines_and_tally(fs, ds)
        blocks = self.blocks(fs, ds)
        return lines, tuple(blocks), self.body_text(blocks), tally

    cdef str body_text(self, list blocks):
        """render.blocks_to_text of the blocks: the texts of those that are no figure and
        have one, a blank line between two."""
        cdef list texts = []
        for block in blocks:
            text = self.blocks_made.get(block, B_TEXT)
            if self.blocks_made.get(block, B_KIND) is not self.k_figure and text:
                texts.append(text)
        return "\n\n".join(texts)

    cdef tuple lines_and_tally(self, list fs, list ds):
        """python_lines and python_tally in one pass over the lines."""
        cdef Py_ssize_t n = len(fs), i, title = -1, byline = -1, total = 0, consent = 0, chars
        cdef list dates = []
        cdef tuple f, d
        cdef _SlotObjects made = self.lines_made
        out = PyTuple_New(n)
        for i in range(n):
            f = as_tuple(fs[i])
            d = as_tuple(ds[i])
            line = made.new()
            made.put(line, 0, f[NUMBER])
            made.put(line, 1, f[TEXT])
            made.put(line, 2, self.table if self.body_table_row(f, d) else d[ROLE])
            made.put(line, 3, d[KEPT])
            made.put(line, 4, d[REASON])
            Py_INCREF(line)
            PyTuple_SET_ITEM(out, i, line)
            # The tally: every `chars` is an int, added as a C integer (else TypeError).
            count = f[CHARS]
            if type(count) is not int:
                raise TypeError(f"chars is a {type(count).__name__}, not an int")
            chars = count
            total += chars
            role = d[ROLE]
            if role is self.title:
                if title < 0:
                    title = i
            elif role is self.byline:
                if byline < 0:
                    byline = i
            elif role is self.date:
                dates.append(i)
            elif role is self.consent:
                consent += chars
        return out, (title, byline, dates, total, consent)

    def article(self, tuple values):
        """python_article: an Article of `values`, one per field in the order of its fields."""
        cdef Py_ssize_t k
        if len(values) != self.n_article_fields:
            raise ValueError("not one value per field of the article")
        article = self.articles_made.new()
        for k in range(self.n_article_fields):
            self.articles_made.put(article, k, values[k])
        self.articles_made.done(article)
        return article

    cdef object block(self, kind, text):
        """A Block of `kind` with `text` and every other field at its default."""
        cdef Py_ssize_t k
        block = self.blocks_made.new()
        self.blocks_made.put(block, B_KIND, kind)
        self.blocks_made.put(block, B_TEXT, text)
        for k in range(2, N_BLOCK_FIELDS):
            self.blocks_made.put(block, k, self.block_defaults[k])
        return block

    cdef object with_field(self, kind, text, Py_ssize_t field, value):
        """A Block of `kind` and `text` whose `field` is `value`, the others at their default."""
        cdef Py_ssize_t k
        block = self.blocks_made.new()
        self.blocks_made.put(block, B_KIND, kind)
        self.blocks_made.put(block, B_TEXT, text)
        for k in range(2, N_BLOCK_FIELDS):
            self.blocks_made.put(block, k, value if k == field else self.block_defaults[k])
        return block

    cdef inline bint body_table_row(self, tuple f, tuple d) except -1:
        """assemble.body_table_row: a kept line of TABLE_ROW_ROLES that holds a tab
        (roles.is_table_row)."""
        if not d[KEPT]:
            return False
        role = d[ROLE]
        if not (role is self.list_item or role is self.paragraph or role is self.heading
                or role is self.lead):
            return False
        return has_char(<str?>f[TEXT], 9)  # a tab

    cdef int flush_list(self, list blocks, list items, list rows) except -1:
        """The open list block, and the open table block (one of them is open at most)."""
        if items:
            block = self.with_field(self.k_list, "\n".join(items), B_ITEMS, tuple(items))
            blocks.append(block)
            del items[:]
        if rows:
            cells = tuple([self.table_cells(row) for row in rows])
            blocks.append(self.with_field(self.k_table, "\n".join(rows), B_ROWS, cells))
            del rows[:]
        return 0

    cdef int flush_figure(self, list blocks, list figure) except -1:
        """figure: [alt, caption, credit], None where not given."""
        cdef Py_ssize_t k
        if figure[0] is None and figure[1] is None and figure[2] is None:
            return 0
        if (figure[1] is None) != (figure[2] is None):  # assemble._credit_apart
            parts = self.split_photo_source(figure[1] if figure[1] is not None else figure[2])
            if parts is not None:
                figure[1], figure[2] = parts
        block = self.blocks_made.new()
        self.blocks_made.put(block, B_KIND, self.k_figure)
        for k in range(1, N_BLOCK_FIELDS):
            if k == B_ALT and figure[0] is not None:
                self.blocks_made.put(block, k, figure[0])
            elif k == B_CAPTION and figure[1] is not None:
                self.blocks_made.put(block, k, figure[1])
            elif k == B_CREDIT and figure[2] is not None:
                self.blocks_made.put(block, k, figure[2])
            else:
                self.blocks_made.put(block, k, self.block_defaults[k])
        blocks.append(block)
        figure[0] = figure[1] = figure[2] = None
        return 0

    cdef list blocks(self, list fs, list ds):
        """python_blocks: the body blocks of the kept lines and the figure lines."""
        cdef Py_ssize_t n = len(fs), i, previous = -1, key
        cdef list blocks = [], items = [], rows = [], figure = [None, None, None]
        cdef tuple f, d
        for i in range(n):
            d = as_tuple(ds[i])
            role = d[ROLE]
            if not (d[KEPT] or role is self.image_alt or role is self.caption
                    or role is self.credit):
                continue
            if i != previous + 1:  # a line left out in between closes an open list or figure
                self.flush_list(blocks, items, rows)
                self.flush_figure(blocks, figure)
            previous = i
            f = as_tuple(fs[i])
            text = f[TEXT]
            if role is self.image_alt or role is self.caption or role is self.credit:
                self.flush_list(blocks, items, rows)
                key = 0 if role is self.image_alt else 1 if role is self.caption else 2
                value = self.credit_sub("", text) if role is self.credit else text
                if figure[key] is not None:
                    self.flush_figure(blocks, figure)
                figure[key] = value
                continue
            self.flush_figure(blocks, figure)
            if self.body_table_row(f, d):  # consecutive rows are one table, whatever their blocks
                if items:
                    self.flush_list(blocks, items, rows)
                rows.append(text)
                continue
            if rows:
                self.flush_list(blocks, items, rows)
            if role is self.list_item:
                if items and as_tuple(fs[i - 1])[GROUP] != f[GROUP]:
                    self.flush_list(blocks, items, rows)
                items.append(text)
                continue
            self.flush_list(blocks, items, rows)
            if role is self.paragraph or role is self.lead:
                blocks.append(self.block(self.k_paragraph, text))
            elif role is self.heading:
                blocks.append(self.with_field(self.k_heading, text, B_LEVEL, self.level_two))
            elif role is self.pull_quote:
                speaker = self.empty
                if i + 1 < n and as_tuple(ds[i + 1])[ROLE] is self.quote_source:
                    speaker = as_tuple(fs[i + 1])[TEXT]
                blocks.append(self.with_field(self.k_quote, text, B_SPEAKER, speaker))
            elif role is self.quote_source and not (
                    i and as_tuple(ds[i - 1])[ROLE] is self.pull_quote):
                blocks.append(self.block(self.k_paragraph, text))
        self.flush_list(blocks, items, rows)
        self.flush_figure(blocks, figure)
        return blocks
