/* SPDX-License-Identifier: MIT */
/* zip.h - deterministic zip archive of a gen_files list: sorted paths, DOS time 1980-01-01
 * 00:00, fixed attributes, raw deflate (zlib). Same files, same bytes. */
#ifndef AG_ZIP_H
#define AG_ZIP_H

#include "../core/buf.h"
#include "render.h"

/* zip_build appends the archive to out. Every entry is stored under prefix/ (prefix may be
 * NULL or "" for none; it must be a safe relative folder name). AG_ETOOBIG past the classic
 * zip limits (65535 entries, 4 GiB), AG_EINVAL for a bad prefix, AG_ENOMEM, AG_EINTERNAL. */
int zip_build(const struct gen_files *files, const char *prefix, struct buf *out) AG_MUST_CHECK;

#endif
