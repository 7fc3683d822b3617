.PHONY: run test lint bench fixture-store
run:
	./scripts/run
test:
	./scripts/test
lint:
	.venv/bin/ruff check app sync tests && .venv/bin/python -m mypy --strict app/domain
bench:
	./scripts/bench
fixture-store:
	.venv/bin/python -m tests.fixtures.make_store
