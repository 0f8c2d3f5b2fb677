# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The compiled walk of `sieb.meta.hints`: which selector parts may match, in a pass over the
Lexbor structs (`node.mem_id` is the address of a `lxb_dom_node_t`), without a Python object per
node.

Per element it reads the tag id and the attributes that the rules name, and sets the bit of
every rule that may match (`sieb.meta.hints.python_part_hints` is the definition). Rules,
attribute ids and needles come from `sieb.meta.hints` through `setup()`; that module enables
this one only for a verified selectolax and after a self-test against the Python walk.
"""

from libc.stdint cimport uint64_t, uintptr_t
from libc.string cimport memcpy

from sieb._lexbor cimport STATIC_ID_LIMIT, DomAttr, DomElement, DomNode, entry_name

DEF MAX_RULES = 64
DEF MAX_SLOTS = 16
DEF MAX_NEEDLES = 32
DEF MAX_NEEDLE_CHARS = 32
DEF MAX_NAME_CHARS = 16

# Attribute slots: the attributes the rules read, each by its static id (or 0 when Lexbor gives
# the name a per-document id; then by its name, compared ignoring ASCII case).
cdef int _n_slots = 0
cdef uintptr_t _slot_ids[MAX_SLOTS]
cdef unsigned char _slot_names[MAX_SLOTS][MAX_NAME_CHARS]
cdef size_t _slot_name_lengths[MAX_SLOTS]
# Needles: lower-case ASCII strings searched (ignoring ASCII case) in the values of one slot.
cdef int _n_needles = 0
cdef unsigned char _needles[MAX_NEEDLES][MAX_NEEDLE_CHARS]
cdef size_t _needle_lengths[MAX_NEEDLES]
# Per slot: its needles, and by byte the needles that start with it (in either ASCII case).
cdef uint64_t _slot_needles[MAX_SLOTS]
cdef uint64_t _starts[MAX_SLOTS][256]
# Rules: the slots that must be present, the needles that must be found (tags: below).
cdef int _n_rules = 0
cdef uint64_t _rule_slots[MAX_RULES]
cdef uint64_t _rule_needles[MAX_RULES]
cdef uint64_t _body_rules = 0  # rules matched only inside the body element
# Lookup tables: by static attribute id its slot (-1 for none); by static tag id the rules of
# that tag; the rules of any tag; the rules with no attribute condition.
cdef signed char _static_slots[STATIC_ID_LIMIT]
cdef uint64_t _tag_rules[STATIC_ID_LIMIT]
cdef uint64_t _any_tag_rules = 0
cdef uint64_t _tag_only_rules = 0
cdef uint64_t _needle_free_rules = 0  # the rules without a needle
cdef uint64_t _dynamic_slots = 0  # slots whose name has a per-document id
cdef int _element_type = -1
cdef unsigned char _lower[256]


def node_ids(size_t address):
    """(type, local_name) of the node at `address`."""
    cdef DomNode *node = <DomNode *> address
    return node.type, node.local_name


def attribute_ids(size_t address):
    """The local_name id of each attribute of the element at `address`, in order."""
    cdef DomAttr *attr = (<DomElement *> address).first_attr
    ids = []
    while attr != NULL:
        ids.append(attr.node.local_name)
        attr = attr.next
    return ids


def setup(int element_type, list slots, list needles, list rules, uint64_t body_rules):
    """Store the walk's tables.

    `slots`: (static id or 0, name bytes); `needles`: (slot index, lower-case bytes);
    `rules`: (tag id or 0, slot bit mask, needle bit mask).
    """
    global _n_slots, _n_needles, _n_rules, _body_rules, _element_type
    global _any_tag_rules, _tag_only_rules, _needle_free_rules, _dynamic_slots
    cdef int i, byte
    if len(slots) > MAX_SLOTS or len(needles) > MAX_NEEDLES or len(rules) > MAX_RULES:
        raise ValueError("too many slots, needles or rules")
    for i in range(256):
        _lower[i] = i + 32 if 65 <= i <= 90 else i
    for i, (slot_id, name) in enumerate(slots):
        if len(name) > MAX_NAME_CHARS:
            raise ValueError("attribute name too long")
        _slot_ids[i] = slot_id
        memcpy(_slot_names[i], <const unsigned char *> name, len(name))
        _slot_name_lengths[i] = len(name)
    for i in range(MAX_SLOTS):
        _slot_needles[i] = 0
        for byte in range(256):
            _starts[i][byte] = 0
    for i, (slot, needle) in enumerate(needles):
        if not 0 < len(needle) <= MAX_NEEDLE_CHARS or not 0 <= slot < len(slots):
            raise ValueError("bad needle")
        if needle != needle.lower():
            raise ValueError("needles must be lower case")
        _slot_needles[slot] |= (<uint64_t> 1) << i
        for byte in range(256):
            if _lower[byte] == needle[0]:
                _starts[slot][byte] |= (<uint64_t> 1) << i
        memcpy(_needles[i], <const unsigned char *> needle, len(needle))
        _needle_lengths[i] = len(needle)
    for i in range(STATIC_ID_LIMIT):
        _static_slots[i] = -1
        _tag_rules[i] = 0
    _dynamic_slots = _any_tag_rules = _tag_only_rules = _needle_free_rules = 0
    for i, (slot_id, name) in enumerate(slots):
        if slot_id == 0:
            _dynamic_slots |= (<uint64_t> 1) << i
        elif slot_id < STATIC_ID_LIMIT:
            _static_slots[slot_id] = i
        else:
            raise ValueError("a static attribute id out of range")
    for i, (tag_id, slot_mask, needle_mask) in enumerate(rules):
        if tag_id >= STATIC_ID_LIMIT:
            raise ValueError("a tag without a static id")
        _rule_slots[i] = slot_mask
        _rule_needles[i] = needle_mask
        if tag_id == 0:
            _any_tag_rules |= (<uint64_t> 1) << i
        else:
            _tag_rules[tag_id] |= (<uint64_t> 1) << i
        if needle_mask == 0:
            _needle_free_rules |= (<uint64_t> 1) << i
            if slot_mask == 0:
                _tag_only_rules |= (<uint64_t> 1) << i
    _n_slots, _n_needles, _n_rules = len(slots), len(needles), len(rules)
    _body_rules = body_rules
    _element_type = element_type


cdef inline size_t _foreign_prefix(const unsigned char *name, size_t length) noexcept:
    """The length of a leading "xlink:", "xml:" or "xmlns:" (in any ASCII case), else 0."""
    cdef size_t i = 0
    while i < length and i < 6 and name[i] != 58:  # ":"
        i += 1
    if i >= length or name[i] != 58:
        return 0
    if i == 5 and _ascii_equal(name, <const unsigned char *> b"xlink", 5):
        return 6
    if i == 3 and _ascii_equal(name, <const unsigned char *> b"xml", 3):
        return 4
    if i == 5 and _ascii_equal(name, <const unsigned char *> b"xmlns", 5):
        return 6
    return 0


cdef inline bint _ascii_equal(const unsigned char *name, const unsigned char *lower,
                              size_t length) noexcept:
    cdef size_t i
    for i in range(length):
        if _lower[name[i]] != lower[i]:
            return False
    return True


cdef inline bint _same_ascii(const unsigned char *name, size_t length, int slot) noexcept:
    return length == _slot_name_lengths[slot] and _ascii_equal(name, _slot_names[slot], length)


cdef extern from *:
    int _lowest_bit "__builtin_ctzll" (unsigned long long mask) noexcept  # mask != 0


cdef uint64_t _found_in(const unsigned char *data, size_t length, int slot,
                       uint64_t wanted) noexcept:
    """Which of the `wanted` needles of the slot `data` holds, ignoring ASCII case (Lexbor's
    `i` comparison); one pass, a needle's tail compared where its first byte is."""
    cdef uint64_t found = 0, starting
    cdef size_t start, i, size
    cdef int needle
    if data == NULL:
        return 0
    for start in range(length):
        starting = _starts[slot][data[start]] & wanted
        while starting:
            needle = _lowest_bit(starting)
            starting &= starting - 1
            size = _needle_lengths[needle]
            if size > length - start:
                continue
            i = 1
            while i < size and _lower[data[start + i]] == _needles[needle][i]:
                i += 1
            if i == size:
                found |= (<uint64_t> 1) << needle
                wanted &= ~((<uint64_t> 1) << needle)
        if not wanted:
            break
    return found


cdef uint64_t _needles_of(uint64_t rules) noexcept:
    """The needles that the given rules search for."""
    cdef uint64_t needles = 0
    cdef int rule
    for rule in range(_n_rules):
        if rules & ((<uint64_t> 1) << rule):
            needles |= _rule_needles[rule]
    return needles


cdef inline int _slot_of(uintptr_t name_id) noexcept:
    """The slot of an attribute name id, or -1. A per-document name is compared ignoring ASCII
    case, as written with the dynamic slots and without an "xlink:", "xml:" or "xmlns:"
    prefix (the prefixes of Lexbor's adjusted foreign names) with all of them."""
    cdef size_t length = 0, skip
    cdef const unsigned char *name
    cdef int slot
    if name_id < STATIC_ID_LIMIT:
        return _static_slots[name_id]
    name = entry_name(name_id, &length)
    skip = _foreign_prefix(name, length)
    for slot in range(_n_slots):
        if _dynamic_slots & ((<uint64_t> 1) << slot) and _same_ascii(name, length, slot):
            return slot
        if skip and _same_ascii(name + skip, length - skip, slot):
            return slot
    return -1


cdef uint64_t _element_hits(DomNode *node, uint64_t wanted, uint64_t needles) noexcept:
    """The bits of the rules in `wanted` that the element may match (`needles`: theirs)."""
    cdef DomAttr *attr = (<DomElement *> node).first_attr
    cdef uint64_t present = 0, found = 0, hits = 0, wanted_here, candidates
    cdef int slot, rule
    candidates = _any_tag_rules
    if node.local_name < STATIC_ID_LIMIT:
        candidates |= _tag_rules[node.local_name]
    candidates &= wanted
    if not candidates:
        return 0
    while attr != NULL:
        slot = _slot_of(attr.node.local_name)
        if slot >= 0:
            present |= (<uint64_t> 1) << slot
            wanted_here = needles & ~found & _slot_needles[slot]
            if wanted_here and attr.value != NULL:
                found |= _found_in(attr.value.data, attr.value.length, slot, wanted_here)
        attr = attr.next
    if not present:
        candidates &= _tag_only_rules
    elif not found:
        candidates &= _needle_free_rules
    while candidates:
        rule = _lowest_bit(candidates)
        candidates &= candidates - 1
        if (present & _rule_slots[rule] == _rule_slots[rule]
                and found & _rule_needles[rule] == _rule_needles[rule]):
            hits |= (<uint64_t> 1) << rule
    return hits


def part_hints(size_t root_address, size_t body_address, uint64_t wanted):
    """The bit mask of the `wanted` rules that some element may match: body rules only inside
    the body element (all of them when the body is not under the root), the others anywhere
    under and at the root. Elements are walked as Lexbor's selector engine walks them."""
    cdef DomNode *root = <DomNode *> root_address
    cdef DomNode *body = <DomNode *> body_address
    cdef DomNode *node = root
    cdef uint64_t every = wanted & (((<uint64_t> 1) << _n_rules) - 1 if _n_rules < 64
                                    else <uint64_t> -1)
    cdef uint64_t hits = 0, found, outside = every & ~_body_rules
    cdef uint64_t inside_needles = _needles_of(every), outside_needles = _needles_of(outside)
    cdef bint in_body = False, body_seen = False
    if _element_type < 0:
        raise RuntimeError("setup() was not called")
    if root == NULL:
        return 0
    while True:
        if node.type == _element_type:
            if node == body:
                in_body = body_seen = True
            found = _element_hits(node, (every if in_body else outside) & ~hits,
                                  inside_needles if in_body else outside_needles)
            if found:
                hits |= found
                if hits == every:
                    break
                inside_needles = _needles_of(every & ~hits)
                outside_needles = _needles_of(outside & ~hits)
            if node.first_child != NULL:
                node = node.first_child
                continue
        # the next node in document order, not leaving the root's subtree
        while node != root and node.next == NULL:
            if node == body:
                in_body = False
            node = node.parent
        if node == root:
            break
        if node == body:
            in_body = False
        node = node.next
    if not body_seen:
        hits |= _body_rules & every
    return hits
