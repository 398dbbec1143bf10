# agent-generator - one hand-written Makefile.
# make            build the four programs into build/
# make run        install missing packages, build, migrate, start the dev stack on 127.0.0.1:8080
# make test       install test packages, build with sanitizers, run Check suites + integration tests
# make bench      measure rps/p99 through nginx (tests/bench)
# make deb        build the .deb with dpkg-buildpackage
VERSION    := 0.1.0
PREFIX     ?= /usr
DESTDIR    ?=
SHAREDIR   ?= $(PREFIX)/share/agent-generator
WERROR     ?= -Werror
SAN        ?= 0
CC         ?= cc

PKGS       := json-c libcurl openssl sqlite3
CS_CFLAGS  := -I/usr/include/ClearSilver
CS_LIBS    := -lneo_cgi -lneo_cs -lneo_utl -lz

WARN   := -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
          -Wmissing-declarations -Wpointer-arith -Wcast-qual -Wformat=2 -Wvla \
          -Wimplicit-fallthrough -Wundef -Wwrite-strings -fno-common
CFLAGS ?= -O2 -g
BUILD_DATE := $(shell date -u -d @$${SOURCE_DATE_EPOCH:-$$(date +%s)} +%Y-%m-%d 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(CFLAGS) $(WARN) $(CS_CFLAGS) \
             $(shell pkg-config --cflags $(PKGS)) -DAG_BUILD_DATE='"$(BUILD_DATE)"' \
             -DAG_SHAREDIR='"$(SHAREDIR)"' -DAG_CS_VERSION='"$(CS_VERSION)"' $(CPPFLAGS)
CS_VERSION := $(shell dpkg-query -W -f='$${Version}' clearsilver-dev 2>/dev/null || echo unknown)
LIBS = $(shell pkg-config --libs $(PKGS)) $(CS_LIBS) -lfcgi -lpthread -lm

ifeq ($(SAN),1)
B       := build/san
CFLAGS  := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -DARENA_DEBUG
LDFLAGS += -fsanitize=address,undefined
else
B       := build
endif

# Domain modules form one library; each process folder forms one program.
LIB_DIRS  := cgi/core cgi/engine cgi/auth cgi/llm cgi/agents cgi/docker cgi/secrets cgi/market
LIB_SRC   := $(foreach d,$(LIB_DIRS),$(wildcard $(d)/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(B)/%.o)
WEB_SRC   := $(wildcard cgi/web/*.c)
STREAM_SRC:= $(wildcard cgi/stream/*.c)
RUNNER_SRC:= $(wildcard cgi/runner/*.c)
CLI_SRC   := $(wildcard cgi/cli/*.c)
PROC_OBJ   = $(1:%.c=$(B)/%.o)
NOMAIN     = $(filter-out %/main.c,$(1))
TEST_SRC  := $(wildcard tests/unit/*.c)
TEST_OBJ  := $(TEST_SRC:%.c=$(B)/%.o)

PROGS := $(B)/agentgen-web $(B)/agentgen-stream $(B)/agentgen-runner $(B)/agentgen

.PHONY: all run test check unit it bench deb install clean fmt fmt-check deps \
        deps-test schema
all: $(PROGS)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/libag.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/agentgen-web: $(call PROC_OBJ,$(WEB_SRC)) $(B)/libag.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)
$(B)/agentgen-stream: $(call PROC_OBJ,$(STREAM_SRC)) $(B)/libag.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)
$(B)/agentgen-runner: $(call PROC_OBJ,$(RUNNER_SRC)) $(B)/libag.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)
$(B)/agentgen: $(call PROC_OBJ,$(CLI_SRC)) $(B)/libag.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)
# the SSE load client of tests/bench/b_sse.sh and tests/it/t_sse_fanout.sh (libc only)
$(B)/sse-load: tests/bench/sse_load.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(CFLAGS) $(WARN) $(LDFLAGS) -o $@ $<

# Unit tests link every non-main object of every process plus the library.
$(B)/check_all: $(TEST_OBJ) $(call PROC_OBJ,$(call NOMAIN,$(WEB_SRC) $(STREAM_SRC) $(RUNNER_SRC) $(CLI_SRC))) $(B)/libag.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(shell pkg-config --libs check)
$(TEST_OBJ): ALL_CFLAGS += $(shell pkg-config --cflags check) -Wno-missing-prototypes -Wno-missing-declarations

deps:
	@sh tools/deps.sh run
deps-test:
	@sh tools/deps.sh test

run: deps all
	@sh tools/devstack.sh run

unit:
	$(MAKE) SAN=1 build/san/check_all build/san/agentgen-web build/san/agentgen-stream build/san/agentgen-runner build/san/agentgen build/san/sse-load
	cd $(CURDIR) && CK_DEFAULT_TIMEOUT=$${CK_DEFAULT_TIMEOUT:-60} AGENTGEN_SHARE_DIR=$(CURDIR) ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp,print_suppressions=0 build/san/check_all

it:
	sh tests/it/run.sh build/san

test: deps-test
	$(MAKE) unit
	$(MAKE) it

check: test

bench: deps-test all $(B)/sse-load
	bash tests/bench/run.sh $(B)

# dpkg-buildpackage writes its results next to the source tree; they are moved into dist/, and
# debian/ is cleaned of its build products (debian/agent-generator/, build/deb, ...).
deb:
	dpkg-buildpackage -us -uc -b
	@mkdir -p dist && for f in ../agent-generator_$(VERSION)-*_amd64.deb \
		../agent-generator_$(VERSION)-*_amd64.buildinfo ../agent-generator_$(VERSION)-*_amd64.changes; do \
		if [ -e "$$f" ]; then mv "$$f" dist/; fi; done
	@debian/rules clean >/dev/null
	@ls dist/*.deb

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(SHAREDIR)
	install -m 0755 $(PROGS) $(DESTDIR)$(PREFIX)/bin/
	cp -R templates static sql $(DESTDIR)$(SHAREDIR)/
	install -D -m 0644 nginx/agent-generator.conf $(DESTDIR)/etc/nginx/sites-available/agent-generator
	install -D -m 0640 tools/agentgen.conf.example $(DESTDIR)/etc/agent-generator/agentgen.conf
	install -d $(DESTDIR)$(or $(UNITDIR),/lib/systemd/system)
	install -m 0644 systemd/*.socket systemd/*.service systemd/*.target \
		$(DESTDIR)$(or $(UNITDIR),/lib/systemd/system)/

fmt:
	clang-format -i $(shell find cgi tests/unit -name '*.[ch]')
fmt-check:
	clang-format --dry-run --Werror $(shell find cgi tests/unit -name '*.[ch]')

clean:
	rm -rf build dist

-include $(shell find build -name '*.d' 2>/dev/null)
