/* Force-included into every C file of the CPython build (packaging/build-deb.sh): binds libm's
 * exp/exp2/log/log2/pow to their oldest symbol versions, so that the interpreter needs no glibc
 * newer than 2.28 (the newer versions, GLIBC_2.29, are only faster, not different). */
#ifndef __ASSEMBLER__
#if defined(__x86_64__)
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
#elif defined(__aarch64__)
__asm__(".symver exp,exp@GLIBC_2.17");
__asm__(".symver exp2,exp2@GLIBC_2.17");
__asm__(".symver log,log@GLIBC_2.17");
__asm__(".symver log2,log2@GLIBC_2.17");
__asm__(".symver pow,pow@GLIBC_2.17");
#endif
#endif
