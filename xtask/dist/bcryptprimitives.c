/* For tests under Wine only (cargo xtask dist-test). Wine 8 has no
   bcryptprimitives.dll, from which Rust's standard library imports
   ProcessPrng (Windows 10 and later have it). This stand-in asks
   RtlGenRandom (advapi32's SystemFunction036) instead, as programs did on
   Windows 7. It is never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG n = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, n)) {
            return FALSE;
        }
        data += n;
        length -= n;
    }
    return TRUE;
}
