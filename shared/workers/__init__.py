"""The job worker kit: what every worker service (generation, editing, transform, optimizer) runs
on, so that each one's `jobs.py` holds only what is particular to it."""
