/* The VGA text screen (80x25 at physical 0xB8000): a mirror of everything
 * the terminal prints, with scrolling and the hardware cursor. */
#include "tty.h"
#include "syslib.h"

#define VGA_PHYS   0xb8000
#define VGA_VIRT   0xb0000000u    /* where this driver maps it (below the
                                  * stack, far above the program) */
#define VGA_BYTES  4096
#define VGA_COLS   80
#define VGA_ROWS   25
#define VGA_ATTR   0x0700         /* light grey on black */
#define CRTC_INDEX 0x3d4
#define CRTC_DATA  0x3d5
#define CRTC_CURSOR_HI 0x0e
#define CRTC_CURSOR_LO 0x0f
#define TAB_WIDTH  8

static volatile uint16_t *screen;   /* NULL: not mapped, no mirror */
static int row, col;

/* row_blank: whether screen row R shows only spaces. */
static int row_blank(int r)
{
	for (int c = 0; c < VGA_COLS; c++) {
		uint8_t ch = (uint8_t) screen[r * VGA_COLS + c];
		if (ch != ' ' && ch != 0)
			return 0;
	}
	return 1;
}

/* scroll: move every row up by one, blank the last, put the cursor row
 * on it. */
static void scroll(void)
{
	for (int i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++)
		screen[i] = screen[i + VGA_COLS];
	for (int i = 0; i < VGA_COLS; i++)
		screen[(VGA_ROWS - 1) * VGA_COLS + i] = VGA_ATTR | ' ';
	row = VGA_ROWS - 1;
}

/* set_cursor: move the blinking hardware cursor to row, col. */
static void set_cursor(void)
{
	unsigned pos = (unsigned) (row * VGA_COLS + col);
	sys_out(CRTC_INDEX, CRTC_CURSOR_HI, 1);
	sys_out(CRTC_DATA, (pos >> 8) & 0xff, 1);
	sys_out(CRTC_INDEX, CRTC_CURSOR_LO, 1);
	sys_out(CRTC_DATA, pos & 0xff, 1);
}

/* vga_init: map the screen (the kernel then leaves it to us) and start
 * below what is on it already (the kernel's boot messages). Returns 0, or
 * the mapping's error: the mirror then stays off and vga_write does
 * nothing. */
int vga_init(void)
{
	int r = sys_vmmap_phys(VGA_VIRT, VGA_PHYS, VGA_BYTES);
	if (r != 0)
		return r;
	screen = (volatile uint16_t *) VGA_VIRT;
	row = VGA_ROWS;
	while (row > 0 && row_blank(row - 1))
		row--;
	col = 0;
	if (row == VGA_ROWS)
		scroll();
	set_cursor();
	return 0;
}

/* vga_kept: see tty.h. The mapping is kept with the memory (a live
 * update's copy shares the device pages). */
void vga_kept(void)
{
	if (screen)
		set_cursor();
}

/* put: one character at the cursor; NL, CR, BS and TAB move it. */
static void put(char c)
{
	switch (c) {
	case '\n':
		col = 0;
		row++;
		break;
	case '\r':
		col = 0;
		break;
	case '\b':
		if (col > 0)
			col--;
		break;
	case '\t':
		col = (col / TAB_WIDTH + 1) * TAB_WIDTH;
		if (col >= VGA_COLS) {
			col = 0;
			row++;
		}
		break;
	default:
		screen[row * VGA_COLS + col] = VGA_ATTR | (uint8_t) c;
		if (++col == VGA_COLS) {
			col = 0;
			row++;
		}
	}
	if (row == VGA_ROWS)
		scroll();
}

/* vga_write: the N bytes of S on the screen, then the cursor after them. */
void vga_write(const char *s, size_t n)
{
	if (!screen)
		return;
	for (size_t i = 0; i < n; i++)
		put(s[i]);
	set_cursor();
}
