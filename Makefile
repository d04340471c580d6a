# The README's two commands. Each sets everything up on its own.
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")

.PHONY: run test

## make run: set up, make sure a zh→ko translation route is installed, build examples/ into output/
run:
	@./scripts/setup.sh
	@$(UV) run zhko models install --if-missing
	$(UV) run zhko build examples/ -o output/

## make test: set up (with test tools), type-check pipeline/ (mypy), run the whole test suite
test:
	@./scripts/setup.sh --test
	$(UV) run mypy
	$(UV) run pytest -q
