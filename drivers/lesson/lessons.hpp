#pragma once

// Every lesson's entry points, for the catalogue and the tests.
#include "drivers/lesson/cpu_vs_io.hpp"
#include "drivers/lesson/daemon.hpp"
#include "drivers/lesson/gil.hpp"
#include "drivers/lesson/pool.hpp"
#include "drivers/lesson/processes.hpp"
#include "drivers/lesson/queue.hpp"
#include "drivers/lesson/race.hpp"
#include "drivers/lesson/thread_class.hpp"
#include "drivers/lesson/timer.hpp"
