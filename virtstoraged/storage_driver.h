/* virtstoraged's driver: storage pools and their volumes, served through
 * the storage driver table. */
#pragma once

#include "internal.h"

#include "driver.h"

const virStateDriver *storageRegister(void);
