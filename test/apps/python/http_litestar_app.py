"""Litestar test app for wsroutes' HTTP routes (`--http`), written as Litestar's docs write a
small API: a dataclass request body, typed path params, and a WebSocket listener beside.

route                      bug                                          expected verdict
POST /books                the title's words are averaged: a title of   server_error (500, ZeroDivisionError), title ""
                           only spaces (or empty) divides by zero
GET  /books/{book_id:int}  - (404 for an unknown book)                  passed
WS   /ws/echo              -                                            passed
"""

from __future__ import annotations

from dataclasses import dataclass

from litestar import Litestar, get, post, websocket_listener
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody


@dataclass
class Book:
    title: str
    author: str
    pages: int


@dataclass
class BookSummary:
    title: str
    average_word_length: float


BOOKS = {1: Book(title="Dune", author="Frank Herbert", pages=412)}


@post("/books")
async def add_book(data: JSONBody[Book]) -> BookSummary:
    words = data.title.split()
    return BookSummary(title=data.title, average_word_length=sum(len(w) for w in words) / len(words))


@get("/books/{book_id:int}")
async def get_book(book_id: FromPath[int]) -> Book:
    if book_id not in BOOKS:
        raise NotFoundException(detail=f"no book {book_id}")
    return BOOKS[book_id]


@websocket_listener("/ws/echo")
async def echo(data: str) -> str:
    return data


app = Litestar(route_handlers=[add_book, get_book, echo])
