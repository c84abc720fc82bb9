// SPDX-License-Identifier: MIT
/*
 * tt_queue.c: the packets the stack handed to an interface, waiting for
 * read().  Callers hold the unit's lock.  Packets are whole mbuf chains
 * linked by nextpkt, as the stack links packets everywhere else.
 */
#include "tt_darwin.h"

void tt_queue_init(struct tt_queue *q, unsigned int limit)
{
	q->head = NULL;
	q->tail = NULL;
	q->len = 0;
	q->limit = limit;
}

/* 0, or ENOBUFS when full: the caller still owns m then. */
int tt_queue_put(struct tt_queue *q, mbuf_t m)
{
	if (q->len >= q->limit)
		return ENOBUFS;
	mbuf_setnextpkt(m, NULL);
	if (q->tail)
		mbuf_setnextpkt(q->tail, m);
	else
		q->head = m;
	q->tail = m;
	q->len++;
	return 0;
}

mbuf_t tt_queue_peek(const struct tt_queue *q)
{
	return q->head;
}

mbuf_t tt_queue_get(struct tt_queue *q)
{
	mbuf_t m = q->head;

	if (!m)
		return NULL;
	q->head = mbuf_nextpkt(m);
	if (!q->head)
		q->tail = NULL;
	mbuf_setnextpkt(m, NULL);
	q->len--;
	return m;
}

/* Free every queued packet; how many there were. */
unsigned int tt_queue_flush(struct tt_queue *q)
{
	unsigned int n = 0;
	mbuf_t m;

	while ((m = tt_queue_get(q)) != NULL) {
		mbuf_freem(m);
		n++;
	}
	return n;
}
