int evtchn_init(void);
int evtchn_bind(int port);
