# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled per-line rules of text mode (see sieb.text.roles, whose `context_free`, `line_score`
and `body_span` are the definitions): the same tests in the same order on the fields of each
`LineFeatures` tuple read by position, the regular expressions and set lookups unchanged."""

from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISDIGIT, Py_UNICODE_ISSPACE

# Positions of the fields in a LineFeatures tuple (checked against its _fields by `Rules`).
DEF TEXT = 1
DEF LOW = 2
DEF GROUP = 4
DEF GROUP_SIZE = 6
DEF CHARS = 7
DEF WORDS = 8
DEF TERMINAL = 9
DEF COLON_END = 10
DEF STOP_RATIO = 12
DEF REPEATS = 13
DEF SEPARATORS = 14
DEF HAS_DIGIT = 15
DEF EXCLAMATIONS = 16
DEF CONSENT_KEY = 17
DEF NOTICE_KEY = 18
DEF FOOTER_KEY = 19
DEF IS_PROSE = 20
DEF IS_SENTENCE = 21
DEF IS_HEADLINE = 22

FIELDS = (
    "number text low index group group_pos group_size chars words terminal colon_end "
    "upper_start stop_ratio repeats separators has_digit exclamations consent_key notice_key "
    "footer_key is_prose is_sentence is_headline"
).split()


cdef class Rules:
    """`roles._context_free_all` (without a site profile), `line_score` and `body_span`."""

    # From sieb.text.patterns: the strings, sets and bound methods of its patterns.
    cdef str ui_strip
    cdef frozenset ad_strings, ui_strings, footer_links, credit_agencies, byline_words
    cdef tuple ui_prefixes, comments_prefixes
    cdef object ui_counter, comments, consent, footer, credit, label, duration, date, byline
    cdef object notice
    cdef frozenset second_person_words
    cdef Py_ssize_t longest_second_person_word
    cdef tuple results  # AD, UI, COMMENTS, CONSENT, FOOTER, CREDIT, LABEL, DURATION, DATE,
    #                     BYLINE, NOTICE, EXCLAIMED: the (role, reason) pairs of roles.py
    cdef frozenset chrome
    cdef double prose_cap, sentence_gain, short_cost, chrome_cost, repeat_cost
    cdef Py_ssize_t list_item_words
    cdef Py_ssize_t longest_byline_word

    def __init__(self, object patterns, tuple results, frozenset chrome, tuple costs,
                 Py_ssize_t list_item_words, tuple line_fields):
        if tuple(FIELDS) != line_fields:
            raise ValueError("LineFeatures has other fields than the compiled rules read")
        P = patterns
        self.ui_strip = P.UI_STRIP
        self.ad_strings = P.AD_STRINGS
        self.ui_strings = P.UI_STRINGS
        self.footer_links = P.FOOTER_LINKS
        self.credit_agencies = P.CREDIT_AGENCIES
        self.byline_words = P.BYLINE_WORDS
        self.ui_prefixes = P.UI_PREFIXES
        self.comments_prefixes = P.COMMENTS_PREFIXES
        self.ui_counter = P.UI_COUNTER.match
        self.comments = P.COMMENTS_LOW.match
        self.consent = P.CONSENT_LOW.search
        self.footer = P.FOOTER_LOW.search
        self.credit = P.CREDIT_LOW.search
        self.label = P.LABEL.match
        self.duration = P.DURATION.match
        self.date = P.DATE_LOW.search
        self.byline = P.BYLINE.match
        self.second_person_words = frozenset(P.SECOND_PERSON_WORDS)
        self.longest_second_person_word = max(map(len, P.SECOND_PERSON_WORDS))
        self.notice = P.NOTICE_LOW.search
        self.results = results
        self.chrome = chrome
        (self.prose_cap, self.sentence_gain, self.short_cost, self.chrome_cost,
         self.repeat_cost) = costs
        self.list_item_words = list_item_words
        self.longest_byline_word = max(map(len, patterns.BYLINE_WORDS))

    def addresses_reader(self, str text):
        """Whether patterns.SECOND_PERSON.search(text) finds a match: a match is a whole word (a
        maximal run of the characters `re` counts as \\w: alphanumeric or "_") equal to one of
        SECOND_PERSON_WORDS, since those are made of word characters between two \\b."""
        cdef Py_ssize_t n = len(text), i, start = 0
        cdef bint inside = False, word
        for i in range(n + 1):
            word = i < n and (Py_UNICODE_ISALNUM(text[i]) or text[i] == u"_")
            if word and not inside:
                start = i
            elif inside and not word:
                if (
                    i - start <= self.longest_second_person_word
                    and text[start:i] in self.second_person_words
                ):
                    return True
            inside = word
        return False

    cdef object first_word_is_byline_word(self, str low):
        """low.split(None, 1)[0].rstrip(":") in BYLINE_WORDS (low is stripped and not blank)."""
        cdef Py_ssize_t n = len(low), start = 0, end
        while start < n and Py_UNICODE_ISSPACE(low[start]):
            start += 1
        end = start
        while end < n and not Py_UNICODE_ISSPACE(low[end]):
            end += 1
        while end > start and low[end - 1] == u":":
            end -= 1
        if end - start > self.longest_byline_word:
            return False
        return low[start:end] in self.byline_words

    cdef object context_free(self, tuple f):
        """roles.context_free(f) without a profile."""
        cdef str text = f[TEXT]
        cdef Py_ssize_t chars = f[CHARS], words = f[WORDS]
        cdef bint consent_key = f[CONSENT_KEY], notice_key = f[NOTICE_KEY]
        cdef bint colon_end = f[COLON_END], has_digit = f[HAS_DIGIT]
        cdef bint exclamations = f[EXCLAMATIONS]
        if chars >= 200 and not (
            consent_key or notice_key or exclamations or colon_end or words <= 10
        ):
            return None
        cdef str low = f[LOW]
        cdef str key, head
        if chars < 60:
            key = low.strip(self.ui_strip)
            if key in self.ad_strings:
                return self.results[0]
            if key in self.ui_strings or (words <= 4 and has_digit and self.ui_counter(key)):
                return self.results[1]
            if key.startswith(self.ui_prefixes):
                return self.results[1]
        if chars < 100:
            head = low.strip(" []()")
            if head.startswith(self.comments_prefixes) and self.comments(head):
                return self.results[2]
        if consent_key and (f[TERMINAL] or chars >= 80) and self.consent(low):
            return self.results[3]
        if chars < 200 and (
            low in self.footer_links or (f[FOOTER_KEY] and self.footer(low))
        ):
            return self.results[4]
        if (
            chars < 120
            and (u":" in text or u"©" in text or u"/" in text or low in self.credit_agencies)
            and self.credit(low)
        ):
            return self.results[5]
        if colon_end and self.label(text):
            return self.results[6]
        if chars < 20 and Py_UNICODE_ISDIGIT(text[0]) and self.duration(text):
            return self.results[7]
        if chars < 80 and has_digit and self.date(low):
            return self.results[8]
        if words <= 10 and self.first_word_is_byline_word(low) and self.byline(text):
            return self.results[9]
        if (
            notice_key
            and words >= 3
            and (chars < 200 or self.addresses_reader(text))
            and self.notice(low)
        ):
            return self.results[10]
        if exclamations:
            return self.results[11]
        return None

    def context_free_all(self, object lines):
        """roles._context_free_all(lines, None): a repeated text is looked at once."""
        cdef list feats = as_list(lines)
        cdef list alone = []
        cdef dict seen = {}
        cdef tuple f
        for line in feats:
            f = <tuple>line  # a LineFeatures: a tuple subclass, read as a tuple
            if f[REPEATS] > 1:
                text = f[TEXT]
                if text in seen:
                    alone.append(seen[text])
                    continue
                a = self.context_free(f)
                seen[text] = a
            else:
                a = self.context_free(f)
            alone.append(a)
        return alone

    def line_scores(self, object lines, list alone):
        """[roles.line_score(f, a is not None and a[0] in CHROME) for f, a in zip(...)]."""
        cdef list feats = as_list(lines)
        cdef list scores = []
        cdef tuple f
        cdef Py_ssize_t i
        for i in range(len(feats)):
            f = <tuple>feats[i]
            a = alone[i]
            scores.append(self.line_score(f, a is not None and (<tuple>a)[0] in self.chrome))
        return scores

    def by_position(self, object lines, list alone, Py_ssize_t start, Py_ssize_t end,
                    object decision, object meta_label, tuple fixed):
        """roles._by_position: `_outside` of the lines before `start` and after `end`, `_inside`
        of those between; `decision` is roles.Decision, `fixed` the shared decisions of
        roles._POSITION_DECISIONS, in its order."""
        cdef list feats = as_list(lines)
        cdef Py_ssize_t n = len(feats), i, j, last = min(end, n - 1)
        cdef list out = [None] * n
        cdef tuple f, g
        cdef object a
        cdef bint after
        (label_before, addresses_reader, breadcrumb, text_before, text_after, short_before,
         short_after, prose_inside, sentence_inside, heading_inside, list_inside,
         short_inside) = fixed
        # The next line with no context-free role after each line of the body (n if none).
        cdef list next_content = [n] * (n + 1)
        j = n
        for i in range(last, start - 1, -1):
            next_content[i] = j
            if alone[i] is None:
                j = i
        for i in range(n):
            f = <tuple>feats[i]
            a = alone[i]
            if start <= i <= end:
                if a is not None:
                    out[i] = decision((<tuple>a)[0], False, (<tuple>a)[1])
                elif f[IS_PROSE]:
                    out[i] = prose_inside
                elif f[IS_SENTENCE]:
                    out[i] = sentence_inside
                else:
                    j = next_content[i]
                    if j < n:
                        g = <tuple>feats[j]
                    if (
                        f[IS_HEADLINE]
                        and j < n
                        and g[GROUP] != f[GROUP]
                        and (g[IS_PROSE] or g[IS_SENTENCE])
                    ):
                        out[i] = heading_inside
                    elif (
                        f[GROUP_SIZE] > 1 and f[WORDS] >= 2 and not f[SEPARATORS]
                        and f[REPEATS] == 1
                    ):
                        out[i] = list_inside
                    elif f[SEPARATORS]:
                        out[i] = breadcrumb
                    else:
                        out[i] = short_inside
                continue
            after = i > end
            if a is not None:
                role = (<tuple>a)[0]
                if role is meta_label and not after:
                    out[i] = label_before
                else:
                    out[i] = decision(role, False, (<tuple>a)[1])
            elif (
                after and (f[IS_PROSE] or f[IS_SENTENCE]) and self.addresses_reader(f[TEXT])
            ):
                out[i] = addresses_reader
            elif f[SEPARATORS]:
                out[i] = breadcrumb
            elif f[IS_PROSE] or (f[IS_HEADLINE] and f[WORDS] >= 4):
                out[i] = text_after if after else text_before
            else:
                out[i] = short_after if after else short_before
        return out

    cdef double line_score(self, tuple f, bint chrome):
        cdef double cost
        cdef Py_ssize_t chars
        if chrome:
            return -self.chrome_cost
        chars = f[CHARS]
        if f[IS_PROSE]:
            return <double>chars if chars < self.prose_cap else self.prose_cap
        cost = self.repeat_cost if (f[REPEATS] > 1 or f[SEPARATORS]) else 0.0
        if f[IS_SENTENCE]:
            return self.sentence_gain * chars - cost
        if f[GROUP_SIZE] > 1 and f[WORDS] >= self.list_item_words and f[STOP_RATIO] > 0:
            return -cost
        return -self.short_cost - cost


cdef inline list as_list(object items):
    """`items` (a list or a list subclass such as lines.Lines) read as the list it is."""
    if not isinstance(items, list):
        raise TypeError(f"expected a list, not {type(items).__name__}")
    return <list>items


def body_span(list scores):
    """roles.body_span: the (start, end) of the maximum-sum run; (0, -1) if none is positive."""
    cdef double best = 0.0, run = 0.0, score
    cdef Py_ssize_t best_start = 0, best_end = -1, run_start = 0, i
    for i in range(len(scores)):
        score = scores[i]
        if run <= 0:
            run = score
            run_start = i
        else:
            run += score
        if run > best:
            best = run
            best_start = run_start
            best_end = i
    return best_start, best_end


cdef extern from *:
    """
    static int sieb_descr_set(PyObject *descriptor, PyObject *obj, PyObject *value) {
        descrsetfunc set = Py_TYPE(descriptor)->tp_descr_set;
        if (set == NULL) {
            PyErr_SetString(PyExc_TypeError, "not a data descriptor");
            return -1;
        }
        return set(descriptor, obj, value);
    }
    """
    int sieb_descr_set(object descriptor, object obj, object value) except -1


def fill_slots(tuple objects, tuple setters, tuple sources):
    """Set slot `setters[k]` (the slot's member descriptor) of every object i to field
    sources[k][1] of sources[k][0][i] (a tuple): what `descriptor.__set__(obj, value)` does,
    without its Python wrapper (the twin of assemble._lines' Python loop)."""
    cdef Py_ssize_t n = len(objects), i, k, field
    cdef list rows
    for k in range(len(setters)):
        rows = as_list(sources[k][0])
        field = sources[k][1]
        if len(rows) != n:
            raise ValueError("a source of another length than the objects")
        for i in range(n):
            sieb_descr_set(setters[k], objects[i], (<tuple>rows[i])[field])
