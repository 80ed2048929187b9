/*
 * s3c8_crt_long: stage 3 case 8 (user_create_long). An O_EXCL create of a
 * 65-byte name: longer than DNAME_INLINE_LEN (40 on 6.12 x86-64; the study
 * assumed 32), so __d_alloc stores it outside the dentry.
 */
#include "lab.h"

int main(void)
{
	static const char path[] = "creation_proof_long_name_that_exceeds_32_bytes_limit_for_sure.txt";

	return open_close(path, O_RDWR | O_CREAT | O_EXCL, 0644);
}
