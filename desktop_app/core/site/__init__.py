"""What a repository is as a site: its generator, collections and CMS schemas (cms/), the post library, post files (new, rename, delete), media folders, `postdesk check`."""
