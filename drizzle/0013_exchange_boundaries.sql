CREATE TABLE "exchange_pause" (
	"user_id" text PRIMARY KEY NOT NULL,
	"until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_setting" (
	"user_id" text PRIMARY KEY NOT NULL,
	"who_may_write" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_setting_who" CHECK ("message_setting"."who_may_write" in ('members', 'wrote_first', 'nobody'))
);
--> statement-breakpoint
CREATE TABLE "notice_digest_item" (
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_digest_item_user_id_kind_subject_id_pk" PRIMARY KEY("user_id","kind","subject_id")
);
--> statement-breakpoint
CREATE TABLE "notice_preference" (
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_preference_user_id_kind_pk" PRIMARY KEY("user_id","kind"),
	CONSTRAINT "notice_preference_mode" CHECK ("notice_preference"."mode" in ('now', 'daily', 'off'))
);
--> statement-breakpoint
ALTER TABLE "exchange_post" ADD COLUMN "ending_noticed_for" date;--> statement-breakpoint
ALTER TABLE "exchange_pause" ADD CONSTRAINT "exchange_pause_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_setting" ADD CONSTRAINT "message_setting_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_digest_item" ADD CONSTRAINT "notice_digest_item_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_preference" ADD CONSTRAINT "notice_preference_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notice_digest_item_created_idx" ON "notice_digest_item" USING btree ("created_at");