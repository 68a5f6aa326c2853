/* Event channel fixture. */
#include "events.h"

int evtchn_init(void)
{
	int ports = 1024;

	return ports;
}

int evtchn_bind(int port)
{
	if (port < 0)
		return -1;
	return port;
}
