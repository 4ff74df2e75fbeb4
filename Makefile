# Conveniences over ./dev.sh and scripts/. `make fuzz FUZZ_SECONDS=600` fuzzes each target longer.
FUZZ_SECONDS ?= 60
.PHONY: run test bench fuzz
run:
	./dev.sh run
test:
	./dev.sh test
bench:
	./dev.sh bench
fuzz:
	bash scripts/fuzz.sh $(FUZZ_SECONDS)
