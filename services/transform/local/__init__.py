"""The `local` provider's CPU media work: pure synchronous functions (run them on the CPU pool)."""
