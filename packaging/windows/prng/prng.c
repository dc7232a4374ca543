/*
 * bcryptprimitives.dll for Wine 8, which ships none.
 *
 * Go 1.24 and later read random bytes at start through ProcessPrng, an export of
 * bcryptprimitives.dll that Windows 10 and later provide, and stop with
 * "bcryptprimitives.dll not found" when it is missing. This stand-in, used only by the
 * smoke test under Wine (scripts/wine-prefix.sh), exports the same function on top of
 * RtlGenRandom (advapi32's SystemFunction036), which Wine does implement.
 *
 * It is never shipped to the offices: real Windows has its own.
 */
#include <windows.h>

/* RtlGenRandom is exported by name SystemFunction036 and has no header of its own. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/*
 * ProcessPrng fills the buffer and always returns TRUE on Windows. RtlGenRandom takes a ULONG
 * length, so a larger request is served in pieces; a failure (never seen) is reported as FALSE.
 */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!SystemFunction036(data, chunk))
			return FALSE;
		data += chunk;
		len -= chunk;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
	(void)instance;
	(void)reason;
	(void)reserved;
	return TRUE;
}
