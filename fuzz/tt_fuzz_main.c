// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_fuzz_main.c: a main() for the fuzz targets where libFuzzer brings
 * none: the replay build (sanitizers only: run each file named, or each
 * file of each directory named, once) and the AFL++ build (afl-clang-fast:
 * persistent mode with the test case in shared memory; with no argument
 * and no AFL, one input from stdin).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TT_FUZZ_MAX	(1 << 20)	/* longer inputs are cut, as libFuzzer's */

#ifdef __AFL_FUZZ_TESTCASE_LEN
__AFL_FUZZ_INIT();
#endif

static uint8_t tt_fuzz_buf[TT_FUZZ_MAX];

static int tt_fuzz_run_fd(FILE *f, const char *name)
{
	size_t n = fread(tt_fuzz_buf, 1, sizeof(tt_fuzz_buf), f);

	if (ferror(f)) {
		fprintf(stderr, "%s: read error\n", name);
		return -1;
	}
	LLVMFuzzerTestOneInput(tt_fuzz_buf, n);
	return 0;
}

static int tt_fuzz_run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	int r;

	if (!f) {
		perror(path);
		return -1;
	}
	r = tt_fuzz_run_fd(f, path);
	fclose(f);
	return r;
}

/* Each regular file of a directory, in readdir order: replay is one pass. */
static int tt_fuzz_run_dir(const char *dir, unsigned long *count)
{
	char path[4096];
	struct dirent *e;
	struct stat st;
	DIR *d = opendir(dir);
	int r = 0;

	if (!d) {
		perror(dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (tt_fuzz_run_file(path) != 0)
			r = -1;
		(*count)++;
	}
	closedir(d);
	return r;
}

int main(int argc, char **argv)
{
	unsigned long count = 0;
	struct stat st;
	int i, r = 0;

#ifdef __AFL_FUZZ_TESTCASE_LEN
	if (argc < 2) {
		const uint8_t *buf;

		__AFL_INIT();
		buf = __AFL_FUZZ_TESTCASE_BUF;
		while (__AFL_LOOP(10000))
			LLVMFuzzerTestOneInput(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN);
		return 0;
	}
#endif
	if (argc < 2)
		return tt_fuzz_run_fd(stdin, "stdin") == 0 ? 0 : 1;
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (tt_fuzz_run_dir(argv[i], &count) != 0)
				r = 1;
			continue;
		}
		if (tt_fuzz_run_file(argv[i]) != 0)
			r = 1;
		count++;
	}
	fprintf(stderr, "%s: %lu inputs ran\n", argv[0], count);
	return r;
}
