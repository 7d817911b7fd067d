ALTER TABLE "assets" ADD COLUMN "title_en" text;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "description_en" text;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "announcement_en" text;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "disclosure" jsonb DEFAULT '{}'::jsonb NOT NULL;