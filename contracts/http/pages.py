"""Cursor pagination shared by every list endpoint."""

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

ItemT = TypeVar("ItemT", bound=BaseModel)

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class Page(BaseModel, Generic[ItemT]):
    """`{"items": [...], "next": cursor or null}`; pass `next` back as `cursor` for more."""

    items: list[ItemT]
    next: str | None = Field(default=None, description="Opaque cursor of the next page.")
