/* The REMOTE program's table, generated from remote_protocol.x. */
#include "remote_dispatch.h"
#include "remote_relay.h"

#include "remote_protocol.h"
#include "keepalive_protocol.h"
#include "qemu_protocol.h"
#define VIR_DISPATCH_TABLE
#include "remote_dispatch_gen.h"
#include "qemu_dispatch_gen.h"

const virNetServerProgram remoteProgram = {
    .prog = REMOTE_PROGRAM,
    .vers = REMOTE_PROTOCOL_VERSION,
    .relay = remoteRelaySecondary,
    .procs = remoteProcedures,
    .nprocs = G_N_ELEMENTS(remoteProcedures),
    .names = remoteProcedureNames,
    .nnames = G_N_ELEMENTS(remoteProcedureNames),
};

/* The keepalive program: the server answers PINGs itself; this entry only
 * lists the program for a socket. */
const virNetServerProgram keepaliveProgram = {
    .prog = KEEPALIVE_PROGRAM,
    .vers = KEEPALIVE_PROTOCOL_VERSION,
};

/* libvirt-qemu's program (qemu-monitor-command), on every driver daemon's
 * sockets: only a hypervisor connection has the slots it needs. */
const virNetServerProgram qemuProgram = {
    .prog = QEMU_PROGRAM,
    .vers = QEMU_PROTOCOL_VERSION,
    .procs = qemuProcedures,
    .nprocs = G_N_ELEMENTS(qemuProcedures),
    .names = qemuProcedureNames,
    .nnames = G_N_ELEMENTS(qemuProcedureNames),
};
