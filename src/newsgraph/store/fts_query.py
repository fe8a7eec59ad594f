"""What a search query means: the user's words translated into a safe FTS5 MATCH expression.

The one translator for the CLI, the library (`newsgraph.store.search`) and the web UI, so they
never disagree on a query. The grammar, loosest binding first:

- `a OR b`; `a AND b` or just `a b` (both); `a NOT b` (a without b);
- `( … )` groups; `"a quoted phrase"` (straight or curly quotes); `word*` or `"a phr"*` (prefix);
- `NEAR(a b "c d", 10)` (all within 10 words); `title:word` (also `standfirst:` and `body:`).

Everything else is a plain word, searched as the phrase of the tokens the index cuts it into:
`al-Qaeda` finds "al-Qaeda" (al, qaeda), `Sudan's` finds "Sudan's", `U.S.` finds "U.S.".
Operators are upper case (`and`, `or`, `not`, `near` are words). A word without a letter or a
digit (`-`, `&`, an emoji) is nothing to the index and is left out. Only a real syntax error (an
unclosed quote or parenthesis, an operator without its operand, a lone `*`) raises
`QuerySyntaxError`, a `StoreError` whose one-line message says how to fix it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsgraph.errors import E_QUERY, StoreError

COLUMNS = ("title", "standfirst", "body")
"""The columns of `articles_fts` (see `newsgraph.store.schema`) a query may name."""
MAX_DEPTH = 16
"""Parentheses nest at most this deep (FTS5's own parser stack is small)."""
MATCH_NOTHING = '""'
"""The MATCH expression of a query with no word in it: the empty phrase matches no article."""
QUOTES = '"\u201c\u201d\u201e'  # " “ ” „
_NEAR_DISTANCE = re.compile(r"^(.*?),\s*(\d+)\s*$", re.DOTALL)
_COLUMN = re.compile(rf"^({'|'.join(COLUMNS)}):", re.IGNORECASE)


class QuerySyntaxError(StoreError):
    """A search query that cannot be read, with a message that says how to fix it."""

    code = E_QUERY


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Near:
    phrases: tuple[Phrase, ...]
    distance: int | None = None


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    child: Node


@dataclass(frozen=True, slots=True)
class Op:
    name: str  # AND, OR or NOT
    children: tuple[Node, ...]


Node = Phrase | Near | Column | Op


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "phrase", "near", "column", "AND", "OR", "NOT", "(", ")", "*"
    node: Phrase | Near | None = None
    column: str = ""


def fts_match(query: str) -> str:
    """The FTS5 MATCH expression for the user's `query`.

    "" for a blank query (no text condition at all); `MATCH_NOTHING` for a query without a
    word. Raises `QuerySyntaxError` for a query that cannot be read.
    """
    if not query.strip():
        return ""
    tokens = _lex(query, query)
    if not tokens:
        return MATCH_NOTHING
    return _render(_Parser(query, tokens).parse())


def has_word(text: str) -> bool:
    """Whether the index's tokenizer (unicode61) keeps anything of `text`: a letter, a digit or
    a private-use character."""
    return any(_kept(unicodedata.category(ch)) for ch in text)


def _kept(category: str) -> bool:
    return category[0] in "LN" or category == "Co"


def _fail(query: str, problem: str) -> QuerySyntaxError:
    return QuerySyntaxError(f"invalid search query {query!r}: {problem}")


# --- lexing ------------------------------------------------------------------------------------


def _lex(text: str, query: str) -> list[_Token]:
    """The tokens of `text` (all of `query`, or the inside of one of its NEAR groups)."""
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(_Token(ch))
            i += 1
        elif ch in QUOTES:
            end = _closing_quote(text, i + 1, query)
            prefix = end + 1 < n and text[end + 1] == "*"
            if has_word(text[i + 1 : end]):
                tokens.append(_Token("phrase", Phrase(text[i + 1 : end], prefix)))
            i = end + 1 + prefix
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in "()" + QUOTES:
                j += 1
            if text[i:j] == "NEAR" and j < n and text[j] == "(":
                close = text.find(")", j)
                if close < 0:
                    raise _fail(query, "NEAR( is not closed; close it with ) or remove it")
                tokens.append(_Token("near", _near(query, text[j + 1 : close])))
                i = close + 1
            else:
                tokens.extend(_word(text[i:j]))
                i = j
    return tokens


def _closing_quote(text: str, start: int, query: str) -> int:
    for k in range(start, len(text)):
        if text[k] in QUOTES:
            return k
    raise _fail(query, "unbalanced quote; close the quote or remove it")


def _word(word: str) -> list[_Token]:
    """The tokens of one run of characters between spaces, parentheses and quotes."""
    if word in ("AND", "OR", "NOT"):
        return [_Token(word)]
    column = _COLUMN.match(word)
    if column:
        return [_Token("column", column=column.group(1).lower()), *_word(word[column.end() :])]
    stem = word.rstrip("*")
    if word and not stem:
        return [_Token("*")]
    if not has_word(stem):
        return []
    return [_Token("phrase", Phrase(stem, prefix=stem != word))]


def _near(query: str, inside: str) -> Near:
    distance: int | None = None
    found = _NEAR_DISTANCE.match(inside)
    if found:
        inside, distance = found.group(1), int(found.group(2))
    phrases: list[Phrase] = []
    for token in _lex(inside, query):
        if token.kind != "phrase" or not isinstance(token.node, Phrase):
            raise _fail(
                query, "NEAR(…) takes only words and quoted phrases, as in NEAR(army rebels, 10)"
            )
        phrases.append(token.node)
    if not phrases:
        raise _fail(query, "NEAR() has no word inside; put words in it or remove it")
    return Near(tuple(phrases), distance)


# --- parsing -----------------------------------------------------------------------------------


class _Parser:
    """Recursive descent: or := and (OR and)*; and := not ([AND] not)*; not := unit (NOT unit)*;
    unit := phrase | NEAR(...) | column unit | ( or )."""

    def __init__(self, query: str, tokens: list[_Token]) -> None:
        self.query = query
        self.tokens = tokens
        self.at = 0
        self.depth = 0

    def parse(self) -> Node:
        node = self._or()
        if self.at < len(self.tokens):  # only a ")" can stop the descent early
            raise self._unbalanced_close()
        return node

    def _peek(self) -> str:
        return self.tokens[self.at].kind if self.at < len(self.tokens) else ""

    def _starts_unit(self) -> bool:
        return self._peek() in ("phrase", "near", "column", "(", "*")

    def _or(self) -> Node:
        children = [self._and()]
        while self._peek() == "OR":
            self._operand_after("OR")
            children.append(self._and())
        return children[0] if len(children) == 1 else Op("OR", tuple(children))

    def _and(self) -> Node:
        children = [self._not()]
        while self._peek() == "AND" or self._starts_unit():
            if self._peek() == "AND":
                self._operand_after("AND")
            children.append(self._not())
        return children[0] if len(children) == 1 else Op("AND", tuple(children))

    def _not(self) -> Node:
        children = [self._unit()]
        while self._peek() == "NOT":
            self._operand_after("NOT")
            children.append(self._unit())
        return children[0] if len(children) == 1 else Op("NOT", tuple(children))

    def _operand_after(self, op: str) -> None:
        self.at += 1
        if not self._starts_unit():
            raise self._missing_operand(op)

    def _unit(self) -> Node:
        kind = self._peek()
        token = self.tokens[self.at] if kind else None
        self.at += 1
        if token is not None and kind in ("phrase", "near") and token.node is not None:
            return token.node
        if token is not None and kind == "column":
            if self._peek() not in ("phrase", "near", "("):
                raise _fail(
                    self.query,
                    f"{token.column}: needs a word after it, as in {token.column}:Gaza",
                )
            return Column(token.column, self._unit())
        if kind == "(":
            return self._group()
        if kind == "*":
            raise _fail(self.query, "* must end a word, as in flood* (flood, floods, flooding)")
        if kind == ")":
            raise self._unbalanced_close()
        if not kind:  # the end, inside a group
            raise _fail(self.query, "unbalanced parenthesis; close the ( or remove it")
        raise self._missing_operand(kind)

    def _group(self) -> Node:
        if self._peek() == ")":
            raise _fail(self.query, "empty parentheses; put words inside or remove them")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _fail(self.query, f"parentheses nest over {MAX_DEPTH} deep; remove some")
        node = self._or()
        if self._peek() != ")":
            raise _fail(self.query, "unbalanced parenthesis; close the ( or remove it")
        self.at += 1
        self.depth -= 1
        return node

    def _unbalanced_close(self) -> QuerySyntaxError:
        return _fail(self.query, "unbalanced parenthesis; remove the ) or open it with (")

    def _missing_operand(self, op: str) -> QuerySyntaxError:
        if op == "NOT":
            return _fail(
                self.query,
                "NOT needs a word on each side, as in Gaza NOT Hamas; "
                "or write not in lower case to search for the word",
            )
        return _fail(
            self.query,
            f"{op} needs a word on each side; add one, "
            f"or write {op.lower()} in lower case to search for the word",
        )


# --- rendering ---------------------------------------------------------------------------------


def _render(node: Node) -> str:
    if isinstance(node, Phrase):
        return '"' + node.text.replace('"', '""') + '"' + ("*" if node.prefix else "")
    if isinstance(node, Near):
        inside = " ".join(_render(p) for p in node.phrases)
        return f"NEAR({inside}{'' if node.distance is None else f', {node.distance}'})"
    if isinstance(node, Column):
        return f"{node.name} : {_grouped(node.child)}"
    return f" {node.name} ".join(_grouped(child) for child in node.children)


def _grouped(node: Node) -> str:
    """`node` rendered, in parentheses unless it is one phrase or NEAR group."""
    return _render(node) if isinstance(node, Phrase | Near) else f"({_render(node)})"
