"""Dependencies of the billing API."""

from typing import Annotated

from fastapi import Depends

from services.billing.accounts import Accounts
from services.billing.ledger import Ledger
from shared.service import app_state

AccountsDep = Annotated[Accounts, Depends(app_state("accounts"))]
LedgerDep = Annotated[Ledger, Depends(app_state("ledger"))]
