"""The base of every job kind's params: the kind is named once, by its params' `KIND`."""

from typing import ClassVar

from pydantic import BaseModel


class KindParams(BaseModel):
    """Params of one job kind."""

    KIND: ClassVar[str]
