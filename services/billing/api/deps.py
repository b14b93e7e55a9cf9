"""Dependencies of the billing API."""

from typing import Annotated

from fastapi import Depends, Request

from services.billing.accounts import Accounts
from services.billing.ledger import Ledger


def _accounts(request: Request) -> Accounts:
    accounts: Accounts = request.app.state.accounts
    return accounts


def _ledger(request: Request) -> Ledger:
    ledger: Ledger = request.app.state.ledger
    return ledger


AccountsDep = Annotated[Accounts, Depends(_accounts)]
LedgerDep = Annotated[Ledger, Depends(_ledger)]
