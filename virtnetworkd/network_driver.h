/* virtnetworkd's driver: the virtual networks of this host and their
 * ports, served through the network driver table. */
#pragma once

#include "internal.h"

#include "driver.h"

const virStateDriver *networkRegister(void);
