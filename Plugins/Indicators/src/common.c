/* common.c — quantisation of decimal inputs to exact integers. */
#include "qi_internal.h"

int64_t qi_quantize(double x, double scale) { return llround(x * scale); }
