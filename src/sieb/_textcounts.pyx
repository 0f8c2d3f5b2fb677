# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled per-block text counts of `sieb.features` (see sieb.textcounts, the Python reference),
and the loops of `sieb.features.block_values` and `refined_main` (their Python definitions are
there).

One scan over the characters replaces three regex scans and a list of words: `\\w`, `\\d` and
`\\b` of Python's `re` on str are Py_UNICODE_ISALNUM-or-underscore, Py_UNICODE_ISDECIMAL and a
change between word and non-word characters, which is what this module tests. Only words no
longer than the longest stop word are cut out of the text to be looked up.
"""

from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISDECIMAL, Py_UNICODE_TOLOWER
from cpython.object cimport PyObject, PyTypeObject, Py_TYPE
from libc.stdint cimport uint64_t
from libc.string cimport memset

from sieb._slots cimport PyMemberDef, PyMemberDescrObject

from types import MemberDescriptorType

import numpy as np


cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    const unsigned char *PyUnicode_1BYTE_DATA(object text)
    const unsigned short *PyUnicode_2BYTE_DATA(object text)
    int PyUnicode_1BYTE_KIND
    int PyUnicode_2BYTE_KIND


cdef bint ASCII_WORD[128]  # is_word of the ASCII characters, looked up instead of computed
for _code in range(128):
    ASCII_WORD[_code] = chr(_code).isalnum() or _code == ord("_")

# Of the Latin-1 characters (a text of one byte per character): is_word, is_decimal, whether a
# word starting with it is capitalised (counted by Counter.count), and str.lower's character
# (Latin-1 lowers to Latin-1, one character for one: checked where the table is used).
cdef bint LATIN1_WORD[256]
cdef bint LATIN1_DECIMAL[256]
cdef bint LATIN1_CAPITAL[256]
cdef unsigned char LATIN1_LOWER[256]
for _code in range(256):
    LATIN1_WORD[_code] = Py_UNICODE_ISALNUM(_code) or _code == ord("_")
    LATIN1_DECIMAL[_code] = Py_UNICODE_ISDECIMAL(_code)
    LATIN1_CAPITAL[_code] = LATIN1_WORD[_code] and not LATIN1_DECIMAL[_code] and not (
        _code == ord("_") or ord("a") <= _code <= ord("z") or 0xDF <= _code <= 0xFF
    )
    LATIN1_LOWER[_code] = ord(chr(_code).lower()[0])
LATIN1_LOWERS_ALIKE = all(
    len(chr(c).lower()) == 1 and LATIN1_LOWER[c] == ord(chr(c).lower())
    and LATIN1_WORD[LATIN1_LOWER[c]] == LATIN1_WORD[c] for c in range(256)
)

# Stop words of Latin-1 characters, packed one byte per character (at most 8), in an
# open-addressing table (0: an empty slot; no word character is 0).
DEF STOP_SLOTS = 1024


cdef inline Py_ssize_t slot_of(uint64_t key):
    """The first slot to probe for a packed word (Fibonacci hashing)."""
    return <Py_ssize_t> ((key * 0x9E3779B97F4A7C15ULL) >> 54)  # 10 bits: STOP_SLOTS


cdef inline bint is_word(Py_UCS4 ch):
    if ch < 128:
        return ASCII_WORD[ch]
    return Py_UNICODE_ISALNUM(ch) or ch == u"_"


cdef inline bint is_decimal(Py_UCS4 ch):
    if ch < 128:
        return u"0" <= ch <= u"9"
    return Py_UNICODE_ISDECIMAL(ch)


cdef class Counter:
    """text -> (words, terminal, punctuation, stop words, digit words, capitalised, non-space)."""

    cdef frozenset stopwords
    cdef Py_ssize_t longest_stopword
    cdef str terminal
    cdef bint packed  # every stop word is in `slots` (else Latin-1 texts take the general path)
    cdef uint64_t slots[STOP_SLOTS]

    def __init__(self, frozenset stopwords, str terminal):
        cdef uint64_t key
        self.stopwords = stopwords
        self.longest_stopword = max(map(len, stopwords), default=0)
        self.terminal = terminal
        self.packed = LATIN1_LOWERS_ALIKE and len(stopwords) < STOP_SLOTS // 2
        for word in stopwords:
            if not (0 < len(word) <= 8 and max(map(ord, word)) < 256 and word.lower() == word
                    and all(LATIN1_WORD[ord(ch)] for ch in word)):
                self.packed = False
        if not self.packed:
            return
        for k in range(STOP_SLOTS):
            self.slots[k] = 0
        for word in stopwords:
            key = 0
            for k, ch in enumerate(word):
                key |= (<uint64_t> ord(ch)) << (8 * k)
            k = slot_of(key)
            while self.slots[k] != 0 and self.slots[k] != key:
                k = (k + 1) % STOP_SLOTS
            self.slots[k] = key

    cdef inline bint is_packed_stopword(self, uint64_t key):
        cdef Py_ssize_t k = slot_of(key)
        while self.slots[k] != 0:
            if self.slots[k] == key:
                return True
            k = (k + 1) % STOP_SLOTS
        return False

    cdef bint count_narrow(self, object text, Py_ssize_t n, Py_ssize_t *counts):
        """count() but the terminal mark in one pass over a text of one or two bytes per
        character, when its lowered words are its words lowered character by character
        (`lowers_alike`): then they are looked up packed. False (counts unset) when not."""
        if PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND:
            return count_packed(self, PyUnicode_1BYTE_DATA(text), n, counts)
        if PyUnicode_KIND(text) == PyUnicode_2BYTE_KIND:
            return count_packed(self, PyUnicode_2BYTE_DATA(text), n, counts)
        return False

    cdef bint is_stopword(self, str lower, Py_ssize_t start, Py_ssize_t end):
        return end - start <= self.longest_stopword and lower[start:end] in self.stopwords

    cdef Py_ssize_t stop_words(self, str lower, Py_ssize_t *words):
        """Stop words among the \\w+ runs of `lower` (the lowered text: it can differ in length);
        sets `words` to the number of runs."""
        cdef Py_ssize_t i = 0, start = 0, count = 0, runs = 0
        cdef bint previous = False, current
        cdef Py_UCS4 ch
        for ch in lower:  # iterating, not indexing: Cython reads the characters directly
            current = is_word(ch)
            if current and not previous:
                start = i
                runs += 1
            elif previous and not current and self.is_stopword(lower, start, i):
                count += 1
            previous = current
            i += 1
        if previous and self.is_stopword(lower, start, i):
            count += 1
        words[0] = runs
        return count

    cdef int count(self, str text, Py_ssize_t *counts) except -1:
        """Fill `counts` (7 values) with the counts of `text`, in the order __call__ returns."""
        cdef Py_ssize_t n = len(text)
        if self.packed and self.count_narrow(text, n, counts):
            counts[1] = 1 if n and text[n - 1] in self.terminal else 0
            return 0
        cdef str lower = text.lower()
        cdef Py_ssize_t punctuation = 0, digits = 0, capitals = 0, spaces = 0, words = 0
        cdef bint previous = False, current
        cdef Py_UCS4 ch
        for ch in text:
            if ch == u" ":
                spaces += 1
            elif ch == u"," or ch == u"." or ch == u";" or ch == u"!":
                punctuation += 1
            current = is_word(ch)
            if current and not previous:  # \b before a word character
                if is_decimal(ch):
                    digits += 1
                elif ch != u"_" and not (u"a" <= ch <= u"z") and not (0xDF <= ch <= 0xFF):
                    capitals += 1
            previous = current
        counts[3] = self.stop_words(lower, &words)
        counts[0] = words
        counts[1] = 1 if n and text[n - 1] in self.terminal else 0
        counts[2] = punctuation
        counts[4] = digits
        counts[5] = capitals
        counts[6] = n - spaces
        return 0

    def __call__(self, str text):
        cdef Py_ssize_t counts[7]
        self.count(text, counts)
        return (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6])


ctypedef fused narrow_char:
    unsigned char
    unsigned short


cdef inline bint lowers_alike(Py_UCS4 ch):
    """Whether str.lower turns `ch` (not Latin-1) into one character of its kind (a word
    character or not) that is not Latin-1 either, or leaves it: then no packed stop word can
    start, end or be found in a word through it. (The one BMP character whose str.lower is two
    characters, U+0130, lowers to Latin-1 first.)"""
    cdef Py_UCS4 low = Py_UNICODE_TOLOWER(ch)
    if low == ch:
        return True
    return low >= 256 and ch != 0x130 and is_word(low) == is_word(ch)


cdef bint count_packed(Counter counter, const narrow_char *text, Py_ssize_t n,
                       Py_ssize_t *counts):
    """Counter.count_narrow's pass over the characters (False when a character does not
    lower alike)."""
    cdef Py_ssize_t i, start = 0, words = 0, stop = 0, longest = counter.longest_stopword
    cdef Py_ssize_t punctuation = 0, digits = 0, capitals = 0, spaces = 0
    cdef bint previous = False, current, foreign = False  # foreign: a word with a non-Latin-1
    cdef Py_UCS4 ch
    cdef uint64_t key = 0
    for i in range(n):
        ch = text[i]
        if ch == 32:  # " "
            spaces += 1
        elif ch == 44 or ch == 46 or ch == 59 or ch == 33:  # , . ; !
            punctuation += 1
        if ch < 256:
            current = LATIN1_WORD[ch]
            if current:
                if not previous:
                    start = i
                    key = 0
                    foreign = False
                    words += 1
                    digits += LATIN1_DECIMAL[ch]
                    capitals += LATIN1_CAPITAL[ch]
                if i - start < 8:
                    key |= (<uint64_t> LATIN1_LOWER[ch]) << (8 * (i - start))
        else:
            if not lowers_alike(ch):
                return False
            current = is_word(ch)
            if current:
                if not previous:
                    start = i
                    words += 1
                    if is_decimal(ch):
                        digits += 1
                    else:
                        capitals += 1
                foreign = True
        if (not current and previous and not foreign and i - start <= longest
                and counter.is_packed_stopword(key)):
            stop += 1
        previous = current
    if previous and not foreign and n - start <= longest and counter.is_packed_stopword(key):
        stop += 1
    counts[0] = words
    counts[2] = punctuation
    counts[3] = stop
    counts[4] = digits
    counts[5] = capitals
    counts[6] = n - spaces
    return True


cdef enum:
    MAX_SLOTS = 16
    T_OBJECT_EX = 16  # structmember.h: the member type of a __slots__ slot


cdef class SlotReader:
    """Reads slots of the instances of one plain __slots__ class from their offsets, as its
    member descriptors do; anything else (another type, an unset slot) by getattr."""

    cdef PyTypeObject *cls
    cdef object owner
    cdef tuple names
    cdef list descriptors  # kept alive with the class
    cdef Py_ssize_t offsets[MAX_SLOTS]

    def __init__(self, cls, tuple names):
        if len(names) > MAX_SLOTS:
            raise ValueError("too many slots")
        self.owner, self.names, self.descriptors = cls, names, []
        self.cls = NULL
        if cls.__bases__ != (object,) or cls.__dictoffset__ != 0:
            return  # a reader that always uses getattr
        for index, name in enumerate(names):
            descriptor = cls.__dict__.get(name)
            if type(descriptor) is not MemberDescriptorType:
                return
            member = (<PyMemberDescrObject *> descriptor).d_member
            if member.type != T_OBJECT_EX:
                return
            self.descriptors.append(descriptor)
            self.offsets[index] = member.offset
        self.cls = <PyTypeObject *> cls

    cdef inline object get(self, obj, Py_ssize_t field):
        cdef PyObject *value
        if <PyTypeObject *> Py_TYPE(obj) == self.cls:
            value = (<PyObject **> (<char *> <void *> obj + self.offsets[field]))[0]
            if value != NULL:
                return <object> value
        return getattr(obj, self.names[field])


# The slots fill_block_values, refined_main, main_container and fill_context_columns read (set_classes gives the classes; until then by getattr).
cdef enum:
    B_TEXT, B_CTX, B_LINK_CHARS, B_FRAGMENTS, B_TAG, B_ELEMENT, B_POSITION, B_DEPTH, B_HEADING
cdef enum:
    C_NEG, C_POS, C_FLAGS, C_IN_ARTICLE, C_LIST, C_TABLE, C_FIGURE, C_QUOTE
cdef enum:
    E_SIGNAL, E_TEXT_CHARS, E_LINK_CHARS, E_PARENT, E_DEPTH
BLOCK_SLOTS = ("text", "ctx", "link_chars", "fragments", "tag", "element", "position", "depth",
               "heading_level")
CONTEXT_SLOTS = ("neg", "pos", "flags", "in_article", "list_id", "table_id", "figure_id",
                 "quote_id")
ELEMENT_SLOTS = ("signal", "text_chars", "link_chars", "parent", "depth")
cdef SlotReader BLOCK = SlotReader(object, BLOCK_SLOTS)
cdef SlotReader CONTEXT = SlotReader(object, CONTEXT_SLOTS)
cdef SlotReader ELEMENT = SlotReader(object, ELEMENT_SLOTS)


def set_classes(block_cls, context_cls, element_cls):
    """Read the slots of these classes' instances directly in this module's loops; returns
    whether all three are plain __slots__ classes (else the ones that are not use getattr)."""
    global BLOCK, CONTEXT, ELEMENT
    BLOCK = SlotReader(block_cls, BLOCK_SLOTS)
    CONTEXT = SlotReader(context_cls, CONTEXT_SLOTS)
    ELEMENT = SlotReader(element_cls, ELEMENT_SLOTS)
    return BLOCK.cls != NULL and CONTEXT.cls != NULL and ELEMENT.cls != NULL


def fill_block_values(
    Counter counter,
    list blocks,
    list elements,
    str hint,
    dict group_of_tag,
    Py_ssize_t other_group,
    double[:, ::1] out,
):
    """sieb.features.block_values' loop: each block's values into its row of `out` (columns:
    chars, the 7 counts, link chars, duplicate, fragments, in hint, neg, pos, tag group, flags,
    own flags, element, its text and link chars, position, depth, in article, list, table, figure,
    quote)."""
    cdef dict seen = {}
    cdef Py_ssize_t i, k, size
    cdef Py_ssize_t counts[7]
    cdef double[::1] row
    cdef str text
    cdef SlotReader of_block = BLOCK, of_context = CONTEXT, of_element = ELEMENT
    for block in blocks:
        text = of_block.get(block, B_TEXT)
        seen[text] = seen.get(text, 0) + 1
    for i in range(len(blocks)):
        block = blocks[i]
        text = of_block.get(block, B_TEXT)
        ctx = of_block.get(block, B_CTX)
        row = out[i]
        size = len(text)
        counter.count(text, counts)
        row[0] = size
        for k in range(7):
            row[1 + k] = counts[k]
        row[8] = of_block.get(block, B_LINK_CHARS)
        row[9] = 1.0 if size and <Py_ssize_t> seen[text] > 1 else 0.0
        row[10] = of_block.get(block, B_FRAGMENTS)
        row[11] = 1.0 if hint and size >= 20 and text[:80] in hint else 0.0
        row[12] = min(<long> of_context.get(ctx, C_NEG), 4)
        row[13] = min(<long> of_context.get(ctx, C_POS), 6)
        row[14] = <Py_ssize_t> group_of_tag.get(of_block.get(block, B_TAG), other_group)
        row[15] = <long> of_context.get(ctx, C_FLAGS)
        index = of_block.get(block, B_ELEMENT)
        element = elements[index]
        row[16] = <long> of_element.get(element, E_SIGNAL)
        row[17] = <Py_ssize_t> index
        row[18] = <Py_ssize_t> of_element.get(element, E_TEXT_CHARS)
        row[19] = <Py_ssize_t> of_element.get(element, E_LINK_CHARS)
        row[20] = <double> of_block.get(block, B_POSITION)
        row[21] = <long> of_block.get(block, B_DEPTH)
        row[22] = 1.0 if of_context.get(ctx, C_IN_ARTICLE) else 0.0
        row[23] = 1.0 if <long> of_context.get(ctx, C_LIST) >= 0 else 0.0
        row[24] = 1.0 if <long> of_context.get(ctx, C_TABLE) >= 0 else 0.0
        row[25] = 1.0 if <long> of_context.get(ctx, C_FIGURE) >= 0 else 0.0
        row[26] = 1.0 if <long> of_context.get(ctx, C_QUOTE) >= 0 else 0.0


def refined_main(list probs, list blocks, list elements, double share):
    """sieb.features.python_refined_main's loops: the deepest element holding `share` of the
    first stage's body mass, and for each block whether it lies inside it (`elements` must not be
    empty)."""
    cdef Py_ssize_t n = len(elements), index, parent, best = 0, element
    cdef double p, total
    if len(probs) != len(blocks):
        raise ValueError("one probability per block")
    cdef double[::1] mass = np.zeros(n)
    cdef Py_ssize_t[::1] parents = np.empty(n, dtype=np.intp)
    cdef Py_ssize_t[::1] depths = np.empty(n, dtype=np.intp)
    for index in range(n):
        item = elements[index]
        parents[index] = ELEMENT.get(item, E_PARENT)
        depths[index] = ELEMENT.get(item, E_DEPTH)
    for index in range(len(blocks)):
        p = probs[index]
        if p >= 0.5:
            block = blocks[index]
            mass[<Py_ssize_t> BLOCK.get(block, B_ELEMENT)] += (
                p * <double> len(<str> BLOCK.get(block, B_TEXT))
            )
    for index in range(n - 1, 0, -1):
        parent = parents[index]
        if parent >= 0:
            mass[parent] += mass[index]
    total = mass[0]
    if total > 0:
        for index in range(n):
            if mass[index] >= share * total and depths[index] >= depths[best]:
                best = index
    inside = []
    for block in blocks:
        element = BLOCK.get(block, B_ELEMENT)
        while element > best:
            element = parents[element]
        inside.append(element == best)
    return best, inside


def main_container(list blocks, list elements, Py_ssize_t prose_min_chars,
                   double max_link_density, double chrome_weight):
    """sieb.container.python_main_container's loops: the element with the most prose and least
    chrome, and for each block whether it lies inside it (`elements` must not be empty)."""
    cdef Py_ssize_t n = len(elements), index, parent, best = 0, chars, link_chars, element
    cdef double score, best_score = -float("inf")
    cdef Py_ssize_t[::1] parents = np.empty(n, dtype=np.intp)
    cdef Py_ssize_t[::1] prose = np.zeros(n, dtype=np.intp)
    cdef Py_ssize_t[::1] chrome = np.zeros(n, dtype=np.intp)
    cdef str text
    cdef SlotReader of_block = BLOCK, of_context = CONTEXT
    for index in range(n):
        parents[index] = ELEMENT.get(elements[index], E_PARENT)
    for block in blocks:
        text = of_block.get(block, B_TEXT)
        chars = len(text)
        element = of_block.get(block, B_ELEMENT)
        ctx = of_block.get(block, B_CTX)
        if of_context.get(ctx, C_NEG) and not of_context.get(ctx, C_IN_ARTICLE):
            chrome[element] += chars
            continue
        link_chars = of_block.get(block, B_LINK_CHARS)
        if (
            chars >= prose_min_chars
            and <double> link_chars / <double> chars <= max_link_density
            and ("." in text or "," in text)
        ):
            prose[element] += chars - link_chars
            chrome[element] += link_chars
        elif not of_block.get(block, B_HEADING):
            chrome[element] += chars
    for index in range(n - 1, 0, -1):
        parent = parents[index]
        if parent >= 0:
            prose[parent] += prose[index]
            chrome[parent] += chrome[index]
    for index in range(n):
        score = <double> prose[index] - chrome_weight * <double> chrome[index]
        if score > best_score:
            best, best_score = index, score
    below = np.zeros(n, dtype=np.uint8)
    cdef unsigned char[::1] is_below = below
    for index in range(best, n):
        parent = parents[index]
        is_below[index] = index == best or (parent >= best and is_below[parent])
    inside = []
    for block in blocks:
        inside.append(is_below[<Py_ssize_t> of_block.get(block, B_ELEMENT)] != 0)
    return best, inside


cdef enum:
    MAX_FLAGS = 64

cdef class BlockColumns:
    """sieb.features._text_columns and _context_columns in one pass over the rows, except the
    log1p columns (numpy's log1p may be vectorised differently from libm's: they stay numpy's).

    Built once from the column maps of sieb.features (`value_at`: BLOCK_VALUES positions,
    `column_at`: BASE_FEATURES positions).
    """

    cdef Py_ssize_t v_chars, v_words, v_terminal, v_punctuation, v_stopwords, v_digits
    cdef Py_ssize_t v_capitals, v_non_space, v_link_chars, v_duplicate, v_fragments, v_in_hint
    cdef Py_ssize_t v_neg, v_pos, v_group, v_flags, v_own_flags, v_position, v_depth
    cdef Py_ssize_t v_in_article, v_in_list
    cdef Py_ssize_t c_link_density, c_bias, c_terminal, c_punct, c_stopword, c_digit, c_capital
    cdef Py_ssize_t c_word_len, c_all_link, c_duplicate, c_per_fragment, c_in_hint
    cdef Py_ssize_t c_tags, n_tags, c_flags, c_own_flags, n_flags
    cdef Py_ssize_t c_neg, c_pos, c_in_article, c_position, c_position_sq, c_depth
    cdef Py_ssize_t c_members[4]
    cdef long long flag_bits[MAX_FLAGS]

    def __init__(self, dict value_at, dict column_at, Py_ssize_t tag_start, Py_ssize_t n_tags,
                 Py_ssize_t flag_start, Py_ssize_t own_flag_start, list flag_bits,
                 list member_columns):
        cdef Py_ssize_t k
        if len(flag_bits) > MAX_FLAGS or len(member_columns) != 4:
            raise ValueError("unexpected column layout")
        self.v_chars, self.v_words = value_at["chars"], value_at["words"]
        self.v_terminal, self.v_punctuation = value_at["terminal"], value_at["punctuation"]
        self.v_stopwords, self.v_digits = value_at["stopwords"], value_at["digits"]
        self.v_capitals, self.v_non_space = value_at["capitals"], value_at["non_space"]
        self.v_link_chars, self.v_duplicate = value_at["link_chars"], value_at["duplicate"]
        self.v_fragments, self.v_in_hint = value_at["fragments"], value_at["in_hint"]
        self.v_neg, self.v_pos, self.v_group = value_at["neg"], value_at["pos"], value_at["group"]
        self.v_flags, self.v_own_flags = value_at["flags"], value_at["own_flags"]
        self.v_position, self.v_depth = value_at["position"], value_at["depth"]
        self.v_in_article, self.v_in_list = value_at["in_article"], value_at["in_list"]
        if [value_at[name] for name in ("in_list", "in_table", "in_figure", "in_quote")] != \
                list(range(self.v_in_list, self.v_in_list + 4)):
            raise ValueError("the member values are not consecutive")
        self.c_link_density, self.c_bias = column_at["link_density"], column_at["bias"]
        self.c_terminal, self.c_punct = column_at["terminal_punct"], column_at["punct_per_word"]
        self.c_stopword, self.c_digit = column_at["stopword_ratio"], column_at["digit_ratio"]
        self.c_capital, self.c_word_len = column_at["capitalised_ratio"], column_at["mean_word_len"]
        self.c_all_link, self.c_duplicate = column_at["all_link"], column_at["duplicate_on_page"]
        self.c_per_fragment, self.c_in_hint = column_at["chars_per_fragment"], column_at["in_body_hint"]
        self.c_tags, self.n_tags = tag_start, n_tags
        self.c_flags, self.c_own_flags, self.n_flags = flag_start, own_flag_start, len(flag_bits)
        self.c_neg, self.c_pos = column_at["neg_count"], column_at["pos_count"]
        self.c_in_article, self.c_position = column_at["in_article"], column_at["position"]
        self.c_position_sq, self.c_depth = column_at["position_sq"], column_at["depth"]
        for k in range(4):
            self.c_members[k] = member_columns[k]
        for k in range(len(flag_bits)):
            self.flag_bits[k] = flag_bits[k]

    def fill(self, double[:, ::1] values, double[:, ::1] out):
        """Write the columns into `out` (one row per row of `values`)."""
        cdef Py_ssize_t i, k, group
        cdef double chars, n_words, link_density, fragments, depth
        cdef long long flags, own_flags
        for i in range(values.shape[0]):
            chars = values[i, self.v_chars]
            n_words = values[i, self.v_words]
            if n_words < 1.0:
                n_words = 1.0
            link_density = values[i, self.v_link_chars] / chars if chars > 0 else 0.0
            out[i, self.c_link_density] = link_density
            fragments = values[i, self.v_fragments]
            out[i, self.c_bias] = 1.0
            out[i, self.c_terminal] = values[i, self.v_terminal]
            out[i, self.c_punct] = _min(values[i, self.v_punctuation] / n_words, 1.0)
            out[i, self.c_stopword] = values[i, self.v_stopwords] / n_words
            out[i, self.c_digit] = values[i, self.v_digits] / n_words
            out[i, self.c_capital] = values[i, self.v_capitals] / n_words
            out[i, self.c_word_len] = _min(values[i, self.v_non_space] / n_words / 10.0, 2.0)
            out[i, self.c_all_link] = 1.0 if link_density > 0.9 else 0.0
            out[i, self.c_duplicate] = values[i, self.v_duplicate]
            out[i, self.c_per_fragment] = _min(chars / (fragments if fragments > 1.0 else 1.0)
                                               / 100.0, 3.0)
            out[i, self.c_in_hint] = values[i, self.v_in_hint]
            group = <Py_ssize_t> values[i, self.v_group]
            for k in range(self.n_tags):
                out[i, self.c_tags + k] = 1.0 if k == group else 0.0
            flags = <long long> values[i, self.v_flags]
            own_flags = <long long> values[i, self.v_own_flags]
            for k in range(self.n_flags):
                out[i, self.c_flags + k] = 1.0 if flags & self.flag_bits[k] else 0.0
                out[i, self.c_own_flags + k] = 1.0 if own_flags & self.flag_bits[k] else 0.0
            out[i, self.c_neg] = values[i, self.v_neg] / 4.0
            out[i, self.c_pos] = values[i, self.v_pos] / 6.0
            out[i, self.c_in_article] = values[i, self.v_in_article]
            for k in range(4):
                out[i, self.c_members[k]] = values[i, self.v_in_list + k]
            out[i, self.c_position] = values[i, self.v_position]
            out[i, self.c_position_sq] = values[i, self.v_position] * values[i, self.v_position]
            depth = values[i, self.v_depth]
            out[i, self.c_depth] = _min(depth, 60.0) / 60.0


cdef inline double _min(double a, double b):
    """np.minimum for numbers that are not NaN."""
    return a if a <= b else b


# needle_counts (a Wu-Manber scan with blocks of two bytes): per pair of bytes, how far the
# window of the shortest needle's length may move when its last two bytes are that pair, and
# the needles whose first window ends in it (bits)
cdef unsigned char PAIR_SHIFT[65536]
cdef unsigned char PAIR_NEEDLES[65536]
# bytes.lower() and bytes.upper() of one byte: A-Z to a-z and back, every other byte as it is
cdef unsigned char ASCII_LOWER[256]
cdef unsigned char ASCII_UPPER[256]
for _code in range(256):
    ASCII_LOWER[_code] = _code + 32 if 65 <= _code <= 90 else _code
    ASCII_UPPER[_code] = _code - 32 if 97 <= _code <= 122 else _code


cdef inline bint lower_equals(const unsigned char *data, const unsigned char *needle, Py_ssize_t size):
    """data[:size].lower() == needle[:size]."""
    cdef Py_ssize_t j
    for j in range(size):
        if ASCII_LOWER[data[j]] != needle[j]:
            return False
    return True


cdef inline unsigned int _case_pair(unsigned char first, unsigned char second, int variant):
    """The pair (first, second) as a table index, each byte upper-cased when `variant`'s bit
    for it is set (so that the four variants cover every ASCII case of the pair)."""
    return (ASCII_UPPER[first] if variant & 1 else first) | (
        (ASCII_UPPER[second] if variant & 2 else second) << 8
    )


cdef void _fill_pair_tables(const unsigned char **starts, Py_ssize_t *limits, Py_ssize_t count,
                            Py_ssize_t width) noexcept:
    """PAIR_SHIFT and PAIR_NEEDLES for the needles' first `width` bytes (width >= 2): a pair
    that ends at offset q of some needle's window allows a move of width - 1 - q at most; a
    pair in none of them the whole width - 1."""
    cdef Py_ssize_t k, q
    cdef int variant
    cdef unsigned int pair
    memset(PAIR_SHIFT, width - 1, sizeof(PAIR_SHIFT))
    memset(PAIR_NEEDLES, 0, sizeof(PAIR_NEEDLES))
    for k in range(count):
        if limits[k] <= 0:
            continue
        for q in range(1, width):
            for variant in range(4):
                pair = _case_pair(starts[k][q - 1], starts[k][q], variant)
                if PAIR_SHIFT[pair] > width - 1 - q:
                    PAIR_SHIFT[pair] = width - 1 - q
                if q == width - 1:
                    PAIR_NEEDLES[pair] |= 1u << k


def needle_counts(bytes source, tuple needles, tuple caps):
    """How many positions of `source.lower()` each needle starts at, up to its cap (the scan
    stops when every count is at its cap): `sieb.marks.source_marks` in one pass over the page,
    without lower-casing it. Needles are lower-case bytes, 2 to 255 long, at most 8 of them.

    Wu-Manber: a window as long as the shortest needle slides over the page, and the pair of
    bytes at its end says how far it may move without passing a start of any needle (most
    pairs of a page are in no needle: the window moves by its whole length less one); only
    where a needle's window could end there is the page compared with the needles."""
    cdef Py_ssize_t count = len(needles)
    cdef Py_ssize_t n = len(source)
    cdef const unsigned char *data = <const unsigned char *> source
    cdef const unsigned char *starts[8]
    cdef Py_ssize_t sizes[8]
    cdef Py_ssize_t limits[8]
    cdef Py_ssize_t found[8]
    cdef Py_ssize_t k, pos, start, width = 255
    cdef Py_ssize_t open_needles = 0
    cdef unsigned int pair, mask
    cdef unsigned char shift
    if count > 8 or len(caps) != count:
        raise ValueError("at most 8 needles, and one cap each")
    for k in range(count):
        starts[k] = <const unsigned char *> (<bytes> needles[k])
        sizes[k] = len(<bytes> needles[k])
        limits[k] = <Py_ssize_t> caps[k]
        found[k] = 0
        if (<bytes> needles[k]).lower() != needles[k]:
            raise ValueError("needles must be lower-case")
        if not 2 <= sizes[k] <= 255:
            raise ValueError("needles must be 2 to 255 bytes long")
        if limits[k] > 0:
            open_needles += 1
            width = min(width, sizes[k])
    if open_needles == 0:
        return [0] * count
    _fill_pair_tables(starts, limits, count, width)
    pos = width - 1  # the last byte of the window
    while pos < n:
        pair = data[pos - 1] | (data[pos] << 8)
        shift = PAIR_SHIFT[pair]
        if shift:
            pos += shift
            continue
        mask = PAIR_NEEDLES[pair]
        start = pos - width + 1
        for k in range(count):
            if (
                mask & (1u << k)
                and found[k] < limits[k]
                and sizes[k] <= n - start
                and lower_equals(data + start, starts[k], sizes[k])
            ):
                found[k] += 1
                if found[k] == limits[k]:
                    open_needles -= 1
        if open_needles == 0:
            break
        pos += 1
    return [found[k] for k in range(count)]


def fill_page_columns(double[:, ::1] values, double[:, ::1] out, list inside, tuple value_at,
                      tuple column_at, double total_chars, double main_share,
                      double main_link_density, Py_ssize_t title_at, double has_hint):
    """sieb.features._page_columns and the has_body_hint column, but for log_element_chars (a
    logarithm: numpy's log1p, written by the caller). `value_at`: the BLOCK_VALUES positions of
    element_chars and element_links; `column_at`: the BASE_FEATURES positions named in
    sieb.features._PAGE_COLUMNS, in its order."""
    cdef Py_ssize_t n = values.shape[0], i, first_main = n, last_main = -1
    cdef Py_ssize_t v_chars, v_links
    cdef Py_ssize_t c_in_main, c_share, c_link_density, c_element_density, c_element_share
    cdef Py_ssize_t c_log_chars, c_prev_log, c_next_log, c_density, c_prev_density
    cdef Py_ssize_t c_next_density, c_before, c_after, c_is_title, c_after_title, c_blocks_after
    cdef Py_ssize_t c_has_hint
    cdef double chars, step
    v_chars, v_links = value_at
    (c_in_main, c_share, c_link_density, c_element_density, c_element_share, c_log_chars,
     c_prev_log, c_next_log, c_density, c_prev_density, c_next_density, c_before, c_after,
     c_is_title, c_after_title, c_blocks_after, c_has_hint) = column_at
    if len(inside) != n:
        raise ValueError("one inside flag per block")
    for i in range(n):
        if inside[i]:
            out[i, c_in_main] = 1.0
            if first_main == n:
                first_main = i
            last_main = i
        else:
            out[i, c_in_main] = 0.0
    for i in range(n):
        chars = values[i, v_chars]
        out[i, c_share] = main_share
        out[i, c_link_density] = main_link_density
        out[i, c_element_density] = values[i, v_links] / (chars if chars >= 1.0 else 1.0)
        out[i, c_element_share] = chars / total_chars
        out[i, c_prev_log] = out[i - 1, c_log_chars] if i > 0 else 0.0
        out[i, c_next_log] = out[i + 1, c_log_chars] if i < n - 1 else 0.0
        out[i, c_prev_density] = out[i - 1, c_density] if i > 0 else 0.0
        out[i, c_next_density] = out[i + 1, c_density] if i < n - 1 else 0.0
        out[i, c_before] = 1.0 if i < first_main else 0.0
        out[i, c_after] = 1.0 if i > last_main else 0.0
        out[i, c_is_title] = 1.0 if i == title_at else 0.0
        if title_at >= 0 and i > title_at:
            out[i, c_after_title] = 1.0
            step = <double>(i - title_at if i - title_at < 50 else 50)
            out[i, c_blocks_after] = step / 50.0
        else:
            out[i, c_after_title] = 0.0
            out[i, c_blocks_after] = 0.0
        out[i, c_has_hint] = has_hint


def fill_context_columns(double[::1] probs, list blocks, list inside, double best_share,
                         Py_ssize_t n_elements, Py_ssize_t reach, double[:, ::1] out):
    """sieb.features.context_features' columns (in CONTEXT_FEATURES order) into `out`, given
    refined_main's `inside` flags and the share of its element; sums in the same order (the
    window's left to right over zero padding, each element's in block order from 0.0)."""
    cdef Py_ssize_t n = probs.shape[0], i, j, first_inside = n, last_inside = -1, element
    cdef Py_ssize_t lo, hi
    cdef double total
    if len(blocks) != n or len(inside) != n or out.shape[0] != n or out.shape[1] != 11:
        raise ValueError("one row per block, 11 columns")
    sums_buffer = np.zeros(n_elements)
    counts_buffer = np.zeros(n_elements, dtype=np.intp)
    elements_buffer = np.empty(n, dtype=np.intp)
    cdef double[::1] sums = sums_buffer
    cdef Py_ssize_t[::1] counts = counts_buffer, element_of = elements_buffer
    for i in range(n):
        element = BLOCK.get(blocks[i], B_ELEMENT)
        if not 0 <= element < n_elements:
            raise ValueError("block element out of range")
        element_of[i] = element
        sums[element] += probs[i]
        counts[element] += 1
        if inside[i]:
            if first_inside == n:
                first_inside = i
            last_inside = i
    for i in range(n):
        out[i, 0] = probs[i]
        out[i, 1] = probs[i - 1] if i >= 1 else 0.0
        out[i, 2] = probs[i + 1] if i + 1 < n else 0.0
        out[i, 3] = probs[i - 2] if i >= 2 else 0.0
        out[i, 4] = probs[i + 2] if i + 2 < n else 0.0
        total = _padded(probs, i - reach) + _padded(probs, i - reach + 1)
        for j in range(i - reach + 2, i + reach + 1):
            total += _padded(probs, j)
        lo = i - reach if i > reach else 0
        hi = i + reach + 1 if i + reach + 1 < n else n
        out[i, 5] = total / <double>(hi - lo)
        element = element_of[i]
        out[i, 6] = sums[element] / <double>counts[element]
        out[i, 7] = 1.0 if inside[i] else 0.0
        out[i, 8] = best_share
        out[i, 9] = 1.0 if i < first_inside else 0.0
        out[i, 10] = 1.0 if i > last_inside else 0.0


cdef inline double _padded(double[::1] values, Py_ssize_t i):
    """values[i], 0.0 outside the array."""
    return values[i] if 0 <= i < values.shape[0] else 0.0
