CREATE TABLE "story_mute" (
	"user_id" text PRIMARY KEY NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"words" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "story_mute" ADD CONSTRAINT "story_mute_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;