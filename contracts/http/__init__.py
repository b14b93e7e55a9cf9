"""HTTP request and response bodies, named by direction (`JobCreate`, `JobPublic`, `JobsPublic`)."""
