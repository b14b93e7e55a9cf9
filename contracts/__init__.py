"""Wire truth of Image Studio: every event, command, topic, job kind and HTTP shape.

Nothing outside this package defines a shape that crosses a process boundary. JSON Schema and
the AsyncAPI document in this folder are generated from these models (`make contracts`).
"""
