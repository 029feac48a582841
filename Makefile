# linea311 - build, run and test.
#
#   make            build build/linea311
#   make run        install Debian packages, build, create ./var, serve
#   make check      install Debian packages, build, run every test suite
#   make SAN=1      build under AddressSanitizer and UBSan in build-san/
#   make DEVELOPER=1  add -Werror to the warnings
#   make BUILD=dir  build elsewhere (several builds can share the tree)

ifeq ($(FUZZ),1)
BUILD ?= build-fuzz
CC := clang
else ifeq ($(SAN),1)
BUILD ?= build-san
else
BUILD ?= build
endif

CC ?= cc
PKGS := libmicrohttpd jansson sqlite3 libsodium libcurl libical cairo pangocairo
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lpthread -lm

WARNINGS := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion \
	-Wformat=2 -Wno-format-nonliteral -Wstrict-prototypes -Wmissing-prototypes
ifeq ($(DEVELOPER),1)
WARNINGS += -Werror
endif

OPT ?= -O2 -g
ifeq ($(SAN),1)
OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LDSAN := -fsanitize=address,undefined
endif
ifeq ($(FUZZ),1)
OPT := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
LDSAN := -fsanitize=fuzzer,address,undefined
endif

CFLAGS_ALL := -std=c17 $(OPT) $(WARNINGS) -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP $(CFLAGS)
LDFLAGS_ALL := $(LDSAN) $(LDFLAGS)

SRC := $(shell find src -name '*.c' ! -path src/main.c | sort)
OBJ := $(SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
LIB := $(BUILD)/liblinea311.a
BIN := $(BUILD)/linea311

EMBED_FILES := $(sort $(wildcard src/store/migrations/*.sql)) \
	$(shell find web -type f 2>/dev/null | sort) \
	$(sort $(wildcard data/bundled/*))
embed_name = $(patsubst src/store/%,%,$(patsubst data/%,%,$(1)))

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=$(BUILD)/%)

.PHONY: all run check deps unit http stats outbox browser bench fuzz clean
all: $(BIN)

$(BIN): $(BUILD)/src/main.o $(LIB)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

$(LIB): $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -o $@ $<

$(BUILD)/gen/embedded.c: $(BUILD)/tools/embed $(EMBED_FILES) Makefile
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ $(foreach f,$(EMBED_FILES),$(call embed_name,$(f))=$(f))

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	$(CC) $(CFLAGS_ALL) -Wno-overlength-strings -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests -o $@ $< $(LIB) $(LDFLAGS_ALL) $(PKG_LIBS) -lcmocka

$(BUILD)/fuzz_%: fuzz/fuzz_%.c $(LIB)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB) $(LDFLAGS_ALL) $(PKG_LIBS)

# Fuzz targets, built with clang's libFuzzer: make fuzz (FUZZ=1 is implied).
ifeq ($(FUZZ),1)
fuzz: $(FUZZ_BIN)
else
fuzz:
	$(MAKE) FUZZ=1 fuzz
endif

deps:
	@scripts/install-deps.sh

run: deps
	$(MAKE) all
	@test -d var || $(BIN) init --bundled --data var
	$(BIN) serve --data var

# Leaks of the font and GLib caches that pango and fontconfig keep for the
# whole process are not ours to free; tests/lsan.supp names them.
export LSAN_OPTIONS = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

unit: $(UNIT_BIN)
	@scripts/run-unit.sh $(UNIT_BIN)

http: $(BIN)
	@tests/http/run.sh $(BIN)

browser: $(BIN)
	@tests/browser/run.sh $(BIN)

# The imported Los Angeles and New York files against an independent count.
stats: $(BIN)
	@tests/stats/check_import.py $(BIN)

# The outbox tests start SMTP sinks and kill the server.
outbox: $(BIN)
	@python3 tests/outbox/run.py $(BIN)

# Every suite runs under the sanitizers; the browser suite uses the same
# binary. The browser suite prints the last summary line.
check: deps
	$(MAKE) SAN=1 unit http stats outbox browser

bench: $(BIN)
	@bench/run.sh $(BIN)

clean:
	rm -rf build build-san build-fuzz

-include $(OBJ:.o=.d) $(BUILD)/src/main.d $(UNIT_BIN:%=%.d)
