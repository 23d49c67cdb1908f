/* The ext2 on-disk layout (revision 0 and 1): the superblock, the group
 * descriptors, inodes and directory entries, with the constants this core
 * uses. Every field is little-endian on disk; i386 is too, so the structures
 * are read and written as they are. Facts from the ext2 documentation
 * ("The Second Extended File System", Dave Poirier) and e2fsprogs' format
 * notes; see README.md. */
#ifndef EXT2_LAYOUT_H
#define EXT2_LAYOUT_H

#include <stdint.h>

#define EXT2_MAGIC          0xef53
#define EXT2_SUPER_OFFSET   1024     /* byte offset of the superblock */
#define EXT2_SUPER_SIZE     1024
#define EXT2_ROOT_INO       2
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_FIRST_INO  11
#define EXT2_NDIR_BLOCKS    12       /* i_block[0..11]: data blocks */
#define EXT2_IND_BLOCK      12       /* i_block[12]: single indirect */
#define EXT2_DIND_BLOCK     13       /* i_block[13]: double indirect */
#define EXT2_TIND_BLOCK     14       /* i_block[14]: triple indirect */
#define EXT2_N_BLOCKS       15
#define EXT2_NAME_LEN       255
#define EXT2_FAST_LINK_MAX  60       /* a symlink shorter fits in i_block */

/* s_state */
#define EXT2_VALID_FS       0x0001   /* cleanly unmounted */
#define EXT2_ERROR_FS       0x0002   /* errors detected */

/* s_rev_level */
#define EXT2_GOOD_OLD_REV   0
#define EXT2_DYNAMIC_REV    1

/* Compatible features: a file system with unknown ones may still be
 * written (they only add information this code leaves alone). */
#define EXT2_COMPAT_DIR_PREALLOC  0x0001
#define EXT2_COMPAT_IMAGIC_INODES 0x0002
#define EXT2_COMPAT_HAS_JOURNAL   0x0004
#define EXT2_COMPAT_EXT_ATTR      0x0008
#define EXT2_COMPAT_RESIZE_INODE  0x0010
#define EXT2_COMPAT_DIR_INDEX     0x0020

/* Read-only compatible features: unknown ones allow reading only. */
#define EXT2_RO_COMPAT_SPARSE_SUPER 0x0001
#define EXT2_RO_COMPAT_LARGE_FILE   0x0002
#define EXT2_RO_COMPAT_BTREE_DIR    0x0004
#define EXT2_RO_COMPAT_SUPPORTED \
	(EXT2_RO_COMPAT_SPARSE_SUPER | EXT2_RO_COMPAT_LARGE_FILE | \
	 EXT2_RO_COMPAT_BTREE_DIR)

/* Incompatible features: unknown ones forbid mounting at all. */
#define EXT2_INCOMPAT_COMPRESSION 0x0001
#define EXT2_INCOMPAT_FILETYPE    0x0002
#define EXT2_INCOMPAT_RECOVER     0x0004
#define EXT2_INCOMPAT_JOURNAL_DEV 0x0008
#define EXT2_INCOMPAT_META_BG     0x0010
#define EXT2_INCOMPAT_SUPPORTED   EXT2_INCOMPAT_FILETYPE

/* i_flags */
#define EXT2_INDEX_FL       0x00001000   /* hashed-index directory */

/* Directory entry file types (incompat filetype). */
#define EXT2_FT_UNKNOWN  0
#define EXT2_FT_REG_FILE 1
#define EXT2_FT_DIR      2
#define EXT2_FT_CHRDEV   3
#define EXT2_FT_BLKDEV   4
#define EXT2_FT_FIFO     5
#define EXT2_FT_SOCK     6
#define EXT2_FT_SYMLINK  7

/* An extended-attribute block (i_file_acl): shared, reference counted. */
#define EXT2_XATTR_MAGIC    0xea020000
#define EXT2_XATTR_REFCOUNT 4            /* byte offset of h_refcount */

struct ext2_super {
	uint32_t s_inodes_count;
	uint32_t s_blocks_count;
	uint32_t s_r_blocks_count;       /* reserved for the super-user */
	uint32_t s_free_blocks_count;
	uint32_t s_free_inodes_count;
	uint32_t s_first_data_block;     /* 1 with 1 KiB blocks, else 0 */
	uint32_t s_log_block_size;       /* block size = 1024 << this */
	uint32_t s_log_frag_size;
	uint32_t s_blocks_per_group;
	uint32_t s_frags_per_group;
	uint32_t s_inodes_per_group;
	uint32_t s_mtime;                /* last mount */
	uint32_t s_wtime;                /* last write */
	uint16_t s_mnt_count;
	int16_t  s_max_mnt_count;
	uint16_t s_magic;
	uint16_t s_state;
	uint16_t s_errors;
	uint16_t s_minor_rev_level;
	uint32_t s_lastcheck;
	uint32_t s_checkinterval;
	uint32_t s_creator_os;
	uint32_t s_rev_level;
	uint16_t s_def_resuid;
	uint16_t s_def_resgid;
	/* revision 1 (EXT2_DYNAMIC_REV) */
	uint32_t s_first_ino;
	uint16_t s_inode_size;
	uint16_t s_block_group_nr;
	uint32_t s_feature_compat;
	uint32_t s_feature_incompat;
	uint32_t s_feature_ro_compat;
	uint8_t  s_uuid[16];
	char     s_volume_name[16];
	char     s_last_mounted[64];
	uint32_t s_algorithm_usage_bitmap;
	uint8_t  s_prealloc_blocks;
	uint8_t  s_prealloc_dir_blocks;
	uint16_t s_reserved_gdt_blocks;
	uint8_t  s_journal_uuid[16];
	uint32_t s_journal_inum;
	uint32_t s_journal_dev;
	uint32_t s_last_orphan;          /* first inode of the orphan list */
	uint8_t  s_rest[EXT2_SUPER_SIZE - 236];  /* hash seed, ... */
};
_Static_assert(sizeof(struct ext2_super) == EXT2_SUPER_SIZE,
    "ext2 superblock is 1024 bytes");

struct ext2_group_desc {
	uint32_t bg_block_bitmap;
	uint32_t bg_inode_bitmap;
	uint32_t bg_inode_table;
	uint16_t bg_free_blocks_count;
	uint16_t bg_free_inodes_count;
	uint16_t bg_used_dirs_count;
	uint16_t bg_flags;
	uint32_t bg_reserved[3];
};
_Static_assert(sizeof(struct ext2_group_desc) == 32,
    "ext2 group descriptor is 32 bytes");

/* The first 128 bytes of an inode (all of it in revision 0). */
struct ext2_dinode {
	uint16_t i_mode;
	uint16_t i_uid;                  /* low 16 bits of the owner */
	uint32_t i_size;                 /* low 32 bits of the size */
	uint32_t i_atime;
	uint32_t i_ctime;
	uint32_t i_mtime;
	uint32_t i_dtime;                /* deletion time (free inodes) */
	uint16_t i_gid;
	uint16_t i_links_count;
	uint32_t i_blocks;               /* 512-byte units, metadata too */
	uint32_t i_flags;
	uint32_t i_osd1;
	uint32_t i_block[EXT2_N_BLOCKS];
	uint32_t i_generation;
	uint32_t i_file_acl;             /* extended-attribute block */
	uint32_t i_size_high;            /* regular files: size >> 32 */
	uint32_t i_faddr;
	uint8_t  i_frag;
	uint8_t  i_fsize;
	uint16_t i_blocks_hi;
	uint16_t i_uid_high;
	uint16_t i_gid_high;
	uint32_t i_reserved2;
};
_Static_assert(sizeof(struct ext2_dinode) == EXT2_GOOD_OLD_INODE_SIZE,
    "ext2 inode is 128 bytes");

/* Bytes 128..131 of a large inode: how much of the rest is in use. */
#define EXT2_EXTRA_ISIZE_OFFSET 128
#define EXT2_EXTRA_ISIZE        32   /* what mke2fs and Linux use */

/* A directory entry; rec_len spans it and the free space after it. */
struct ext2_dirent {
	uint32_t inode;                  /* 0: an unused entry */
	uint16_t rec_len;
	uint8_t  name_len;
	uint8_t  file_type;              /* incompat filetype; else 0 */
	char     name[];
};
#define EXT2_DIRENT_HEAD 8
/* The bytes an entry with a name of LEN bytes needs (4-byte aligned). */
#define EXT2_DIRENT_LEN(len) ((EXT2_DIRENT_HEAD + (len) + 3u) & ~3u)

#endif
