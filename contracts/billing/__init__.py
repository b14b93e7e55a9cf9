"""Money as data: plans, add-on packs, the price catalog, and the pure rules of the pre-flight.

Credits are the platform's currency: 1 credit is $0.01 at list price. Plans set what a tenant may
do each month (features, images, videos, resolution, rate limit); credits, bought as packs or
top-ups, pay for each operation. The gateway and billing apply the same rules to the same data.
"""

from decimal import Decimal

CREDIT_USD = Decimal("0.01")
