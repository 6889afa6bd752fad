# jvirt's KVM probe firmware (io.jvirt.qemu.caps.KvmFirmware holds the assembled bytes).
#
# A 64 KiB BIOS image for QEMU's "pc" machine, mapped at 0xF0000-0xFFFFF. The vCPU starts at the
# reset vector (offset 0xFFF0) and walks real mode -> 32-bit protected mode -> 64-bit long mode
# with paging, writing one progress byte per stage ('R', 'P', 'L') to the debugcon port 0xE9.
# It then writes 0x2a to isa-debug-exit (port 0xF4), which makes QEMU exit with status
# (0x2a << 1) | 1 = 85. Only that exit status, with "RPL" seen, means the vCPU really ran.
#
# Rebuild (GNU binutils):
#   as --64 -o probe.o kvm-probe.S
#   ld -e 0xf0000 -m elf_x86_64 -Ttext=0xF0000 --oformat binary -o probe.bin probe.o
#   xxd -p -l 0xbe probe.bin        # the CODE constant; the reset vector is at 0xFFF0
        .code16
        .text
start:
        cli
        mov     $0xe9, %dx
        mov     $'R', %al
        out     %al, %dx
        lgdtl   %cs:(gdtr - start)
        mov     %cr0, %eax
        or      $1, %eax
        mov     %eax, %cr0
        ljmpl   $0x08, $pm32
        .code32
pm32:
        mov     $0x10, %ax
        mov     %ax, %ds
        mov     %ax, %es
        mov     %ax, %ss
        mov     $'P', %al
        out     %al, %dx
        mov     $0x1000, %edi
        xor     %eax, %eax
        mov     $3072, %ecx
        rep stosl
        movl    $0x2003, 0x1000
        movl    $0x3003, 0x2000
        movl    $0x83, 0x3000
        mov     %cr4, %eax
        or      $0x20, %eax
        mov     %eax, %cr4
        mov     $0x1000, %eax
        mov     %eax, %cr3
        mov     $0xc0000080, %ecx
        rdmsr
        or      $0x100, %eax
        wrmsr
        mov     %cr0, %eax
        or      $0x80000000, %eax
        mov     %eax, %cr0
        ljmp    $0x18, $lm64
        .code64
lm64:
        mov     $0xe9, %dx
        mov     $'L', %al
        out     %al, %dx
        mov     $0x2a, %al
        out     %al, $0xf4
1:      hlt
        jmp     1b
        .balign 8
gdt:
        .quad   0
        .quad   0x00cf9a000000ffff
        .quad   0x00cf92000000ffff
        .quad   0x00af9a000000ffff
gdtr:
        .word   gdtr - gdt - 1
        .long   gdt
        .org    0xfff0
        .code16
        ljmp    $0xf000, $0
        .org    0x10000, 0xf4
