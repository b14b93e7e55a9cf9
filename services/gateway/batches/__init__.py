"""Batches: a campaign's rows read, checked and priced as a whole, recorded, published."""
