"""Mirrors of the Lexbor structs that sieb._blockwalk reads, as bundled with selectolax 1.0.2.

Each struct cites its header under selectolax-1.0.2/lexbor/source/lexbor/; field order and types
are those of the header. Only leading fields are declared: the structs are only read through
pointers into selectolax's tree, never allocated here. sieb.blockwalk enables the walk only for a
selectolax version with this layout, and checks it on probe documents first.
"""

from libc.stdint cimport uintptr_t

cdef struct LexborStr:  # core/str.h: lexbor_str_t
    unsigned char *data
    size_t length

cdef struct DomNode:  # dom/interfaces/node.h: struct lxb_dom_node
    void *events  # lxb_dom_event_target_t event_target (dom/interfaces/event_target.h: one pointer)
    uintptr_t local_name  # lxb_tag_id_t (tag/const.h) or lxb_dom_attr_id_t (attr_const.h)
    uintptr_t prefix
    uintptr_t ns
    void *owner_document
    DomNode *next
    DomNode *prev
    DomNode *parent
    DomNode *first_child
    DomNode *last_child
    void *user
    int type  # lxb_dom_node_type_t, an enum (LXB_DOM_NODE_USER_VARIABLES is not defined)

cdef struct DomAttr  # forward declaration

cdef struct DomElement:  # dom/interfaces/element.h: struct lxb_dom_element
    DomNode node
    uintptr_t upper_name  # lxb_dom_attr_id_t
    uintptr_t qualified_name  # lxb_dom_attr_id_t
    LexborStr *is_value
    DomAttr *first_attr

cdef struct DomAttr:  # dom/interfaces/attr.h: struct lxb_dom_attr
    DomNode node
    uintptr_t upper_name
    uintptr_t qualified_name
    LexborStr *value
    DomElement *owner
    DomAttr *next

cdef struct CharacterData:  # dom/interfaces/character_data.h: struct lxb_dom_character_data
    DomNode node
    LexborStr data

cdef union HashKey:  # core/hash.h: the union in struct lexbor_hash_entry
    unsigned char *long_str
    unsigned char short_str[17]  # LEXBOR_HASH_SHORT_SIZE + 1

cdef struct HashEntry:  # core/hash.h: struct lexbor_hash_entry, first field of lxb_tag_data_t
    HashKey u  # (tag/tag.h) and of lxb_dom_attr_data_t (dom/interfaces/attr.h)
    size_t length
    HashEntry *next

cdef enum:
    # Lexbor ids are indices into its static name tables (a few hundred entries) or, for names
    # not in them, addresses of per-document hash entries. Nothing is mapped in the first page of
    # memory, so an id below this is an index; sieb.blockwalk checks this on its probes.
    STATIC_ID_LIMIT = 4096
    HASH_SHORT_SIZE = 16  # core/hash.h: LEXBOR_HASH_SHORT_SIZE

cdef inline const unsigned char *entry_name(uintptr_t name_id, size_t *length):
    """The name of a dynamic id (core/hash.h: lexbor_hash_entry_str)."""
    cdef HashEntry *entry = <HashEntry *> name_id
    length[0] = entry.length
    if entry.length <= HASH_SHORT_SIZE:
        return entry.u.short_str
    return entry.u.long_str
